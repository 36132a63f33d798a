CREATE TABLE `advertisers` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`postback_secret` text NOT NULL,
	`signing_mode` text DEFAULT 'params' NOT NULL,
	`postback_token` text,
	`allowed_ips` text DEFAULT '[]' NOT NULL,
	`allowed_origins` text DEFAULT '[]' NOT NULL,
	`created_at` integer DEFAULT (CAST(unixepoch('subsec') * 1000 AS INTEGER)) NOT NULL,
	`updated_at` integer DEFAULT (CAST(unixepoch('subsec') * 1000 AS INTEGER)) NOT NULL,
	CONSTRAINT "advertisers_signing_mode" CHECK("advertisers"."signing_mode" IN ('params','simple','token'))
);
--> statement-breakpoint
CREATE TABLE `affiliate_hierarchy` (
	`ancestor_id` integer NOT NULL,
	`descendant_id` integer NOT NULL,
	`depth` integer NOT NULL,
	PRIMARY KEY(`ancestor_id`, `descendant_id`),
	FOREIGN KEY (`ancestor_id`) REFERENCES `affiliates`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`descendant_id`) REFERENCES `affiliates`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `hierarchy_descendant_depth` ON `affiliate_hierarchy` (`descendant_id`,`depth`);--> statement-breakpoint
CREATE TABLE `affiliates` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`parent_id` integer,
	`code` text NOT NULL,
	`name` text NOT NULL,
	`email` text NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`tier` text DEFAULT 'standard' NOT NULL,
	`override_rate_bps` integer,
	`payment_method` text DEFAULT 'paypal' NOT NULL,
	`payment_email` text,
	`payout_currency` text DEFAULT 'USD' NOT NULL,
	`created_at` integer DEFAULT (CAST(unixepoch('subsec') * 1000 AS INTEGER)) NOT NULL,
	`updated_at` integer DEFAULT (CAST(unixepoch('subsec') * 1000 AS INTEGER)) NOT NULL,
	`approved_at` integer,
	CONSTRAINT "affiliates_status_chk" CHECK("affiliates"."status" IN ('pending','approved','suspended','rejected')),
	CONSTRAINT "affiliates_tier_chk" CHECK("affiliates"."tier" IN ('standard','vip','elite')),
	CONSTRAINT "affiliates_payment_chk" CHECK("affiliates"."payment_method" IN ('paypal','wise','bank'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `affiliates_code` ON `affiliates` (`code`);--> statement-breakpoint
CREATE INDEX `affiliates_parent` ON `affiliates` (`parent_id`);--> statement-breakpoint
CREATE INDEX `affiliates_status` ON `affiliates` (`status`);--> statement-breakpoint
CREATE INDEX `affiliates_email` ON `affiliates` (`email`);--> statement-breakpoint
CREATE TABLE `api_keys` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`prefix` text NOT NULL,
	`key_hash` text NOT NULL,
	`scopes` text DEFAULT '[]' NOT NULL,
	`created_at` integer NOT NULL,
	`last_used_at` integer,
	`revoked_at` integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX `api_keys_hash` ON `api_keys` (`key_hash`);--> statement-breakpoint
CREATE TABLE `audit_log` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`at` integer NOT NULL,
	`actor` text NOT NULL,
	`action` text NOT NULL,
	`entity` text NOT NULL,
	`entity_id` text,
	`before` text,
	`after` text
);
--> statement-breakpoint
CREATE INDEX `audit_log_at` ON `audit_log` (`at`);--> statement-breakpoint
CREATE INDEX `audit_log_entity` ON `audit_log` (`entity`,`entity_id`);--> statement-breakpoint
CREATE TABLE `campaigns` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`advertiser_id` integer NOT NULL,
	`name` text NOT NULL,
	`description` text DEFAULT '' NOT NULL,
	`status` text DEFAULT 'active' NOT NULL,
	`destination_url` text NOT NULL,
	`fallback_url` text,
	`click_id_param` text DEFAULT 'clickid' NOT NULL,
	`cookie_days` integer DEFAULT 30 NOT NULL,
	`currency` text DEFAULT 'USD' NOT NULL,
	`hold_days` integer DEFAULT 30,
	`plan` text NOT NULL,
	`created_at` integer DEFAULT (CAST(unixepoch('subsec') * 1000 AS INTEGER)) NOT NULL,
	`updated_at` integer DEFAULT (CAST(unixepoch('subsec') * 1000 AS INTEGER)) NOT NULL,
	FOREIGN KEY (`advertiser_id`) REFERENCES `advertisers`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "campaigns_status" CHECK("campaigns"."status" IN ('active','paused','ended')),
	CONSTRAINT "campaigns_cookie_days" CHECK("campaigns"."cookie_days" BETWEEN 0 AND 3650),
	CONSTRAINT "campaigns_currency" CHECK(length("campaigns"."currency") = 3)
);
--> statement-breakpoint
CREATE INDEX `campaigns_advertiser` ON `campaigns` (`advertiser_id`);--> statement-breakpoint
CREATE TABLE `clicks` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`click_id` text NOT NULL,
	`link_id` integer,
	`affiliate_id` integer NOT NULL,
	`campaign_id` integer NOT NULL,
	`created_at` integer NOT NULL,
	`ip` text DEFAULT '' NOT NULL,
	`user_agent` text DEFAULT '' NOT NULL,
	`referer` text DEFAULT '' NOT NULL,
	`device_type` text DEFAULT 'unknown' NOT NULL,
	`country` text DEFAULT 'unknown' NOT NULL,
	`fingerprint` text,
	`sub1` text,
	`sub2` text,
	`sub3` text,
	`sub4` text,
	`sub5` text,
	`ref_param` text,
	`source` text DEFAULT 'server' NOT NULL,
	`flagged` integer DEFAULT false NOT NULL,
	`flag_reason` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `clicks_click_id` ON `clicks` (`click_id`);--> statement-breakpoint
CREATE INDEX `clicks_ip_created` ON `clicks` (`ip`,`created_at`);--> statement-breakpoint
CREATE INDEX `clicks_fingerprint` ON `clicks` (`fingerprint`) WHERE "clicks"."fingerprint" IS NOT NULL;--> statement-breakpoint
CREATE TABLE `commissions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`conversion_id` integer NOT NULL,
	`affiliate_id` integer NOT NULL,
	`kind` text NOT NULL,
	`status` text NOT NULL,
	`amount_minor` integer NOT NULL,
	`currency` text NOT NULL,
	`level` integer DEFAULT 1 NOT NULL,
	`plan_type` text NOT NULL,
	`rule` text NOT NULL,
	`base_minor` integer NOT NULL,
	`rate_bps` integer,
	`reverses_id` integer,
	`created_at` integer NOT NULL,
	`approved_at` integer,
	FOREIGN KEY (`conversion_id`) REFERENCES `conversions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`affiliate_id`) REFERENCES `affiliates`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "commissions_kind_chk" CHECK("commissions"."kind" IN ('earning','reversal','clawback')),
	CONSTRAINT "commissions_status_chk" CHECK("commissions"."status" IN ('pending','approved','paid','reversed'))
);
--> statement-breakpoint
CREATE INDEX `commissions_conversion` ON `commissions` (`conversion_id`);--> statement-breakpoint
CREATE INDEX `commissions_affiliate_status` ON `commissions` (`affiliate_id`,`status`);--> statement-breakpoint
CREATE INDEX `commissions_status` ON `commissions` (`status`);--> statement-breakpoint
CREATE TABLE `conversions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`click_id` text,
	`affiliate_id` integer NOT NULL,
	`campaign_id` integer NOT NULL,
	`advertiser_id` integer NOT NULL,
	`event_type` text NOT NULL,
	`order_id` text NOT NULL,
	`customer_key` text,
	`amount_minor` integer DEFAULT 0 NOT NULL,
	`currency` text NOT NULL,
	`advertiser_payout_minor` integer,
	`status` text DEFAULT 'pending' NOT NULL,
	`trust` text NOT NULL,
	`risk_score` integer DEFAULT 0 NOT NULL,
	`flags` text DEFAULT '[]' NOT NULL,
	`ip` text,
	`created_at` integer NOT NULL,
	`status_changed_at` integer NOT NULL,
	`hold_until` integer,
	`reason` text,
	FOREIGN KEY (`affiliate_id`) REFERENCES `affiliates`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`campaign_id`) REFERENCES `campaigns`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`advertiser_id`) REFERENCES `advertisers`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "conversions_status_chk" CHECK("conversions"."status" IN ('pending','approved','rejected','refunded','paid')),
	CONSTRAINT "conversions_event_chk" CHECK("conversions"."event_type" IN ('lead','trial','sale','recurring'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `conversions_order` ON `conversions` (`advertiser_id`,`order_id`,`event_type`);--> statement-breakpoint
CREATE INDEX `conversions_affiliate_created` ON `conversions` (`affiliate_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `conversions_status_hold` ON `conversions` (`status`,`hold_until`);--> statement-breakpoint
CREATE INDEX `conversions_created` ON `conversions` (`created_at`);--> statement-breakpoint
CREATE INDEX `conversions_click` ON `conversions` (`click_id`);--> statement-breakpoint
CREATE INDEX `conversions_customer` ON `conversions` (`advertiser_id`,`customer_key`) WHERE "conversions"."customer_key" IS NOT NULL;--> statement-breakpoint
CREATE TABLE `customers` (
	`advertiser_id` integer NOT NULL,
	`customer_key` text NOT NULL,
	`affiliate_id` integer NOT NULL,
	`first_conversion_id` integer,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`advertiser_id`, `customer_key`),
	FOREIGN KEY (`advertiser_id`) REFERENCES `advertisers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`affiliate_id`) REFERENCES `affiliates`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `daily_stats` (
	`day` text NOT NULL,
	`campaign_id` integer NOT NULL,
	`affiliate_id` integer NOT NULL,
	`link_id` integer NOT NULL,
	`clicks` integer DEFAULT 0 NOT NULL,
	`flagged_clicks` integer DEFAULT 0 NOT NULL,
	`conversions` integer DEFAULT 0 NOT NULL,
	`revenue_minor` integer DEFAULT 0 NOT NULL,
	`commission_minor` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`day`, `campaign_id`, `affiliate_id`, `link_id`)
);
--> statement-breakpoint
CREATE INDEX `daily_stats_affiliate` ON `daily_stats` (`affiliate_id`,`day`);--> statement-breakpoint
CREATE TABLE `jobs` (
	`name` text PRIMARY KEY NOT NULL,
	`last_run_at` integer,
	`next_run_at` integer NOT NULL,
	`last_result` text
);
--> statement-breakpoint
CREATE TABLE `links` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`affiliate_id` integer NOT NULL,
	`campaign_id` integer NOT NULL,
	`code` text NOT NULL,
	`landing_url` text,
	`sub_defaults` text DEFAULT '{}' NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	`created_at` integer DEFAULT (CAST(unixepoch('subsec') * 1000 AS INTEGER)) NOT NULL,
	FOREIGN KEY (`affiliate_id`) REFERENCES `affiliates`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`campaign_id`) REFERENCES `campaigns`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `links_code` ON `links` (`code`);--> statement-breakpoint
CREATE INDEX `links_affiliate` ON `links` (`affiliate_id`);--> statement-breakpoint
CREATE INDEX `links_campaign` ON `links` (`campaign_id`);--> statement-breakpoint
CREATE TABLE `payout_items` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`payout_id` integer NOT NULL,
	`commission_id` integer NOT NULL,
	`amount_minor` integer NOT NULL,
	FOREIGN KEY (`payout_id`) REFERENCES `payouts`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`commission_id`) REFERENCES `commissions`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `payout_items_commission` ON `payout_items` (`commission_id`);--> statement-breakpoint
CREATE INDEX `payout_items_payout` ON `payout_items` (`payout_id`);--> statement-breakpoint
CREATE TABLE `payout_runs` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`method` text NOT NULL,
	`currency` text NOT NULL,
	`status` text DEFAULT 'draft' NOT NULL,
	`total_minor` integer DEFAULT 0 NOT NULL,
	`created_at` integer NOT NULL,
	`created_by` text DEFAULT 'owner' NOT NULL
);
--> statement-breakpoint
CREATE TABLE `payouts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`run_id` integer,
	`affiliate_id` integer NOT NULL,
	`amount_minor` integer NOT NULL,
	`currency` text NOT NULL,
	`method` text NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`reference` text,
	`created_at` integer NOT NULL,
	`processed_at` integer,
	FOREIGN KEY (`run_id`) REFERENCES `payout_runs`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`affiliate_id`) REFERENCES `affiliates`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `payouts_affiliate` ON `payouts` (`affiliate_id`);--> statement-breakpoint
CREATE INDEX `payouts_run` ON `payouts` (`run_id`);--> statement-breakpoint
CREATE TABLE `postback_nonces` (
	`signature` text PRIMARY KEY NOT NULL,
	`expires_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `settings` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `webhook_deliveries` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`endpoint_id` integer NOT NULL,
	`event_id` text NOT NULL,
	`event_type` text NOT NULL,
	`payload` text NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` integer NOT NULL,
	`last_status_code` integer,
	`last_error` text,
	`created_at` integer NOT NULL,
	`delivered_at` integer,
	FOREIGN KEY (`endpoint_id`) REFERENCES `webhook_endpoints`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `webhook_deliveries_due` ON `webhook_deliveries` (`status`,`next_attempt_at`);--> statement-breakpoint
CREATE TABLE `webhook_endpoints` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`url` text NOT NULL,
	`secret` text NOT NULL,
	`events` text DEFAULT '[]' NOT NULL,
	`enabled` integer DEFAULT true NOT NULL,
	`created_at` integer NOT NULL
);
