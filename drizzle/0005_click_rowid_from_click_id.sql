DROP INDEX `clicks_click_id`;--> statement-breakpoint
CREATE UNIQUE INDEX `clicks_legacy_click_id` ON `clicks` (`click_id`) WHERE "clicks"."id" < 1099511627776;