CREATE TABLE `payout_locks` (
	`commission_id` integer PRIMARY KEY NOT NULL,
	`payout_item_id` integer NOT NULL
);
--> statement-breakpoint
-- Hand-added data step: each live lock moves from commissions.payout_item_id to payout_locks, and
-- its line goes back to 'approved' (the lock row is what makes it paid). Lines paid outside the
-- app before payouts existed keep status 'paid' and have no lock.
INSERT INTO `payout_locks` (`commission_id`, `payout_item_id`)
  SELECT `id`, `payout_item_id` FROM `commissions` WHERE `payout_item_id` IS NOT NULL;--> statement-breakpoint
PRAGMA foreign_keys=OFF;--> statement-breakpoint
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
INSERT INTO `__new_commissions`("id", "conversion_id", "affiliate_id", "kind", "status", "amount_minor", "currency", "level", "plan_type", "rule", "base_minor", "rate_bps", "reverses_id", "created_at", "approved_at") SELECT "id", "conversion_id", "affiliate_id", "kind", CASE WHEN "payout_item_id" IS NOT NULL THEN 'approved' ELSE "status" END, "amount_minor", "currency", "level", "plan_type", "rule", "base_minor", "rate_bps", "reverses_id", "created_at", "approved_at" FROM `commissions`;--> statement-breakpoint
DROP TABLE `commissions`;--> statement-breakpoint
ALTER TABLE `__new_commissions` RENAME TO `commissions`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE INDEX `commissions_conversion` ON `commissions` (`conversion_id`);--> statement-breakpoint
CREATE INDEX `commissions_affiliate_status` ON `commissions` (`affiliate_id`,`status`);