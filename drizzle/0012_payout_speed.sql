DROP INDEX `payout_item_lines_live`;--> statement-breakpoint
DROP INDEX `commissions_affiliate_status`;--> statement-breakpoint
ALTER TABLE `commissions` ADD `payout_item_id` integer REFERENCES payout_items(id);--> statement-breakpoint
CREATE INDEX `commissions_affiliate_status` ON `commissions` (`affiliate_id`,`status`,`payout_item_id`);