CREATE TABLE `payout_item_lines` (
	`item_id` integer NOT NULL,
	`commission_id` integer NOT NULL,
	`amount_minor` integer NOT NULL,
	`released_at` integer,
	PRIMARY KEY(`item_id`, `commission_id`),
	FOREIGN KEY (`item_id`) REFERENCES `payout_items`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`commission_id`) REFERENCES `commissions`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `payout_item_lines_live` ON `payout_item_lines` (`commission_id`) WHERE "payout_item_lines"."released_at" IS NULL;--> statement-breakpoint
CREATE TABLE `payout_items` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`run_id` integer NOT NULL,
	`affiliate_id` integer NOT NULL,
	`currency` text NOT NULL,
	`method` text NOT NULL,
	`amount_minor` integer NOT NULL,
	`line_count` integer NOT NULL,
	`status` text NOT NULL,
	`provider_ref` text,
	`reason` text,
	`recipient` text DEFAULT '{}' NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`run_id`) REFERENCES `payout_runs`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`affiliate_id`) REFERENCES `affiliates`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "payout_items_amount_chk" CHECK("payout_items"."amount_minor" > 0),
	CONSTRAINT "payout_items_status_chk" CHECK("payout_items"."status" = 'pending' OR "payout_items"."status" = 'processing' OR "payout_items"."status" = 'paid' OR "payout_items"."status" = 'failed' OR "payout_items"."status" = 'unclaimed' OR "payout_items"."status" = 'returned' OR "payout_items"."status" = 'cancelled'),
	CONSTRAINT "payout_items_method_chk" CHECK("payout_items"."method" = 'paypal' OR "payout_items"."method" = 'wise' OR "payout_items"."method" = 'bank')
);
--> statement-breakpoint
CREATE INDEX `payout_items_run` ON `payout_items` (`run_id`);--> statement-breakpoint
CREATE INDEX `payout_items_affiliate` ON `payout_items` (`affiliate_id`);--> statement-breakpoint
CREATE TABLE `payout_provider_accounts` (
	`provider` text PRIMARY KEY NOT NULL,
	`credentials` text,
	`sandbox` integer DEFAULT true NOT NULL,
	`updated_at` integer NOT NULL,
	CONSTRAINT "payout_provider_accounts_provider_chk" CHECK("payout_provider_accounts"."provider" = 'paypal' OR "payout_provider_accounts"."provider" = 'wise')
);
--> statement-breakpoint
CREATE TABLE `payout_runs` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`status` text NOT NULL,
	`cutoff` integer NOT NULL,
	`affiliate_ids` text,
	`exclusions` text DEFAULT '[]' NOT NULL,
	`sender_batch_id` text NOT NULL,
	`created_at` integer NOT NULL,
	`created_by` text NOT NULL,
	`exported_at` integer,
	`cancelled_at` integer,
	CONSTRAINT "payout_runs_status_chk" CHECK("payout_runs"."status" = 'committed' OR "payout_runs"."status" = 'exported' OR "payout_runs"."status" = 'cancelled' OR "payout_runs"."status" = 'completed')
);
--> statement-breakpoint
CREATE UNIQUE INDEX `payout_runs_sender_batch` ON `payout_runs` (`sender_batch_id`);--> statement-breakpoint
CREATE TABLE `payout_sends` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`run_id` integer NOT NULL,
	`item_id` integer,
	`provider` text NOT NULL,
	`idempotency_key` text NOT NULL,
	`remote_id` text,
	`stage` text NOT NULL,
	`remote_status` text,
	`item_ids` text DEFAULT '[]' NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`run_id`) REFERENCES `payout_runs`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`item_id`) REFERENCES `payout_items`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "payout_sends_provider_chk" CHECK("payout_sends"."provider" = 'paypal' OR "payout_sends"."provider" = 'wise')
);
--> statement-breakpoint
CREATE UNIQUE INDEX `payout_sends_key` ON `payout_sends` (`provider`,`idempotency_key`);--> statement-breakpoint
CREATE INDEX `payout_sends_run` ON `payout_sends` (`run_id`);--> statement-breakpoint
ALTER TABLE `affiliates` ADD `bank_details` text;--> statement-breakpoint
ALTER TABLE `affiliates` ADD `min_payout_minor` integer;