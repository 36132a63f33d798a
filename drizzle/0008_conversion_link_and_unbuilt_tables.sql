DROP TABLE `api_keys`;--> statement-breakpoint
DROP TABLE `payout_items`;--> statement-breakpoint
DROP TABLE `payout_runs`;--> statement-breakpoint
DROP TABLE `payouts`;--> statement-breakpoint
DROP TABLE `webhook_deliveries`;--> statement-breakpoint
DROP TABLE `webhook_endpoints`;--> statement-breakpoint
ALTER TABLE `conversions` ADD `link_id` integer DEFAULT 0 NOT NULL;