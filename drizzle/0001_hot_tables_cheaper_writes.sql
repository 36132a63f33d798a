PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_advertisers` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`postback_secret` text NOT NULL,
	`signing_mode` text DEFAULT 'params' NOT NULL,
	`postback_token` text,
	`allowed_ips` text DEFAULT '[]' NOT NULL,
	`allowed_origins` text DEFAULT '[]' NOT NULL,
	`created_at` integer DEFAULT (CAST(unixepoch('subsec') * 1000 AS INTEGER)) NOT NULL,
	`updated_at` integer DEFAULT (CAST(unixepoch('subsec') * 1000 AS INTEGER)) NOT NULL,
	CONSTRAINT "advertisers_signing_mode" CHECK("__new_advertisers"."signing_mode" = 'params' OR "__new_advertisers"."signing_mode" = 'simple' OR "__new_advertisers"."signing_mode" = 'token')
);
--> statement-breakpoint
INSERT INTO `__new_advertisers`("id", "name", "postback_secret", "signing_mode", "postback_token", "allowed_ips", "allowed_origins", "created_at", "updated_at") SELECT "id", "name", "postback_secret", "signing_mode", "postback_token", "allowed_ips", "allowed_origins", "created_at", "updated_at" FROM `advertisers`;--> statement-breakpoint
DROP TABLE `advertisers`;--> statement-breakpoint
ALTER TABLE `__new_advertisers` RENAME TO `advertisers`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE TABLE `__new_affiliates` (
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
	CONSTRAINT "affiliates_status_chk" CHECK("__new_affiliates"."status" = 'pending' OR "__new_affiliates"."status" = 'approved' OR "__new_affiliates"."status" = 'suspended' OR "__new_affiliates"."status" = 'rejected'),
	CONSTRAINT "affiliates_tier_chk" CHECK("__new_affiliates"."tier" = 'standard' OR "__new_affiliates"."tier" = 'vip' OR "__new_affiliates"."tier" = 'elite'),
	CONSTRAINT "affiliates_payment_chk" CHECK("__new_affiliates"."payment_method" = 'paypal' OR "__new_affiliates"."payment_method" = 'wise' OR "__new_affiliates"."payment_method" = 'bank')
);
--> statement-breakpoint
INSERT INTO `__new_affiliates`("id", "parent_id", "code", "name", "email", "status", "tier", "override_rate_bps", "payment_method", "payment_email", "payout_currency", "created_at", "updated_at", "approved_at") SELECT "id", "parent_id", "code", "name", "email", "status", "tier", "override_rate_bps", "payment_method", "payment_email", "payout_currency", "created_at", "updated_at", "approved_at" FROM `affiliates`;--> statement-breakpoint
DROP TABLE `affiliates`;--> statement-breakpoint
ALTER TABLE `__new_affiliates` RENAME TO `affiliates`;--> statement-breakpoint
CREATE UNIQUE INDEX `affiliates_code` ON `affiliates` (`code`);--> statement-breakpoint
CREATE INDEX `affiliates_parent` ON `affiliates` (`parent_id`);--> statement-breakpoint
CREATE INDEX `affiliates_status` ON `affiliates` (`status`);--> statement-breakpoint
CREATE INDEX `affiliates_email` ON `affiliates` (`email`);--> statement-breakpoint
CREATE TABLE `__new_campaigns` (
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
	CONSTRAINT "campaigns_status" CHECK("__new_campaigns"."status" = 'active' OR "__new_campaigns"."status" = 'paused' OR "__new_campaigns"."status" = 'ended'),
	CONSTRAINT "campaigns_cookie_days" CHECK("__new_campaigns"."cookie_days" BETWEEN 0 AND 3650),
	CONSTRAINT "campaigns_currency" CHECK(length("__new_campaigns"."currency") = 3)
);
--> statement-breakpoint
INSERT INTO `__new_campaigns`("id", "advertiser_id", "name", "description", "status", "destination_url", "fallback_url", "click_id_param", "cookie_days", "currency", "hold_days", "plan", "created_at", "updated_at") SELECT "id", "advertiser_id", "name", "description", "status", "destination_url", "fallback_url", "click_id_param", "cookie_days", "currency", "hold_days", "plan", "created_at", "updated_at" FROM `campaigns`;--> statement-breakpoint
DROP TABLE `campaigns`;--> statement-breakpoint
ALTER TABLE `__new_campaigns` RENAME TO `campaigns`;--> statement-breakpoint
CREATE INDEX `campaigns_advertiser` ON `campaigns` (`advertiser_id`);--> statement-breakpoint
CREATE TABLE `__new_commissions` (
	`id` integer PRIMARY KEY NOT NULL,
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
	CONSTRAINT "commissions_kind_chk" CHECK("__new_commissions"."kind" = 'earning' OR "__new_commissions"."kind" = 'reversal' OR "__new_commissions"."kind" = 'clawback'),
	CONSTRAINT "commissions_status_chk" CHECK("__new_commissions"."status" = 'pending' OR "__new_commissions"."status" = 'approved' OR "__new_commissions"."status" = 'paid' OR "__new_commissions"."status" = 'reversed')
);
--> statement-breakpoint
INSERT INTO `__new_commissions`("id", "conversion_id", "affiliate_id", "kind", "status", "amount_minor", "currency", "level", "plan_type", "rule", "base_minor", "rate_bps", "reverses_id", "created_at", "approved_at") SELECT "id", "conversion_id", "affiliate_id", "kind", "status", "amount_minor", "currency", "level", "plan_type", "rule", "base_minor", "rate_bps", "reverses_id", "created_at", "approved_at" FROM `commissions`;--> statement-breakpoint
DROP TABLE `commissions`;--> statement-breakpoint
ALTER TABLE `__new_commissions` RENAME TO `commissions`;--> statement-breakpoint
CREATE INDEX `commissions_conversion` ON `commissions` (`conversion_id`);--> statement-breakpoint
CREATE INDEX `commissions_affiliate_status` ON `commissions` (`affiliate_id`,`status`);--> statement-breakpoint
CREATE INDEX `commissions_status` ON `commissions` (`status`);--> statement-breakpoint
CREATE TABLE `__new_conversions` (
	`id` integer PRIMARY KEY NOT NULL,
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
	`subscription_key` text,
	FOREIGN KEY (`affiliate_id`) REFERENCES `affiliates`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`campaign_id`) REFERENCES `campaigns`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`advertiser_id`) REFERENCES `advertisers`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "conversions_status_chk" CHECK("__new_conversions"."status" = 'pending' OR "__new_conversions"."status" = 'approved' OR "__new_conversions"."status" = 'rejected' OR "__new_conversions"."status" = 'refunded' OR "__new_conversions"."status" = 'paid'),
	CONSTRAINT "conversions_event_chk" CHECK("__new_conversions"."event_type" = 'lead' OR "__new_conversions"."event_type" = 'trial' OR "__new_conversions"."event_type" = 'sale' OR "__new_conversions"."event_type" = 'recurring')
);
--> statement-breakpoint
INSERT INTO `__new_conversions`("id", "click_id", "affiliate_id", "campaign_id", "advertiser_id", "event_type", "order_id", "customer_key", "amount_minor", "currency", "advertiser_payout_minor", "status", "trust", "risk_score", "flags", "ip", "created_at", "status_changed_at", "hold_until", "reason", "subscription_key") SELECT "id", "click_id", "affiliate_id", "campaign_id", "advertiser_id", "event_type", "order_id", "customer_key", "amount_minor", "currency", "advertiser_payout_minor", "status", "trust", "risk_score", "flags", "ip", "created_at", "status_changed_at", "hold_until", "reason",
  -- Hand-edited: the old table has no subscription_key; sales and renewals of recurring campaigns get
  -- theirs (the rule of src/main/db/sqlite/subscriptions.ts), everything else none.
  CASE WHEN "event_type" IN ('sale','recurring')
        AND "campaign_id" IN (SELECT "id" FROM `campaigns` WHERE json_extract("plan", '$.type') = 'recurring')
       THEN CASE WHEN "customer_key" IS NOT NULL THEN 'c:' || "customer_key"
                 WHEN "click_id" IS NOT NULL THEN 'k:' || "click_id" END
  END
  FROM `conversions`;--> statement-breakpoint
DROP TABLE `conversions`;--> statement-breakpoint
ALTER TABLE `__new_conversions` RENAME TO `conversions`;--> statement-breakpoint
CREATE UNIQUE INDEX `conversions_order` ON `conversions` (`advertiser_id`,`order_id`,`event_type`);--> statement-breakpoint
CREATE INDEX `conversions_affiliate_created` ON `conversions` (`affiliate_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `conversions_status_hold` ON `conversions` (`status`,`hold_until`);--> statement-breakpoint
CREATE INDEX `conversions_created` ON `conversions` (`created_at`);--> statement-breakpoint
CREATE INDEX `conversions_subscription` ON `conversions` (`campaign_id`,`subscription_key`) WHERE "conversions"."subscription_key" IS NOT NULL;--> statement-breakpoint
CREATE TABLE `__new_clicks` (
	`id` integer PRIMARY KEY NOT NULL,
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
INSERT INTO `__new_clicks`("id", "click_id", "link_id", "affiliate_id", "campaign_id", "created_at", "ip", "user_agent", "referer", "device_type", "country", "fingerprint", "sub1", "sub2", "sub3", "sub4", "sub5", "ref_param", "source", "flagged", "flag_reason") SELECT "id", "click_id", "link_id", "affiliate_id", "campaign_id", "created_at", "ip", "user_agent", "referer", "device_type", "country", "fingerprint", "sub1", "sub2", "sub3", "sub4", "sub5", "ref_param", "source", "flagged", "flag_reason" FROM `clicks`;--> statement-breakpoint
DROP TABLE `clicks`;--> statement-breakpoint
ALTER TABLE `__new_clicks` RENAME TO `clicks`;--> statement-breakpoint
CREATE UNIQUE INDEX `clicks_click_id` ON `clicks` (`click_id`);--> statement-breakpoint
CREATE INDEX `clicks_ip_created` ON `clicks` (`ip`,`created_at`);--> statement-breakpoint
CREATE INDEX `clicks_fingerprint` ON `clicks` (`fingerprint`) WHERE "clicks"."fingerprint" IS NOT NULL;--> statement-breakpoint
CREATE TABLE `__new_postback_nonces` (
	`signature` text NOT NULL,
	`expires_at` integer NOT NULL,
	PRIMARY KEY(`expires_at`, `signature`)
);
--> statement-breakpoint
INSERT INTO `__new_postback_nonces`("signature", "expires_at") SELECT "signature", "expires_at" FROM `postback_nonces`;--> statement-breakpoint
DROP TABLE `postback_nonces`;--> statement-breakpoint
ALTER TABLE `__new_postback_nonces` RENAME TO `postback_nonces`;