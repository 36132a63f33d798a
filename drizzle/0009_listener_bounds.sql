ALTER TABLE `campaigns` ADD `max_postback_amount_minor` integer DEFAULT 100000000 NOT NULL;--> statement-breakpoint
ALTER TABLE `daily_stats` ADD `unstored_clicks` integer DEFAULT 0 NOT NULL;