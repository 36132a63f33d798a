DROP INDEX `conversions_order`;--> statement-breakpoint
ALTER TABLE `conversions` ADD `order_ref` text;--> statement-breakpoint
ALTER TABLE `conversions` ADD `superseded_by` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX `conversions_order` ON `conversions` (`advertiser_id`,`order_id`,`event_type`,`superseded_by`);--> statement-breakpoint
ALTER TABLE `campaigns` ADD `max_client_amount_minor` integer;