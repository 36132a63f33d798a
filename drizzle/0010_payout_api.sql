CREATE TABLE `payout_provider_accounts` (
	`provider` text PRIMARY KEY NOT NULL,
	`credentials` text,
	`sandbox` integer DEFAULT true NOT NULL,
	`updated_at` integer NOT NULL,
	CONSTRAINT "payout_provider_accounts_provider_chk" CHECK("payout_provider_accounts"."provider" = 'paypal' OR "payout_provider_accounts"."provider" = 'wise')
);
--> statement-breakpoint
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
CREATE INDEX `payout_sends_run` ON `payout_sends` (`run_id`);