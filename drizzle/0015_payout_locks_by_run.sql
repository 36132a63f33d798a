CREATE UNIQUE INDEX `payout_items_run_affiliate_currency` ON `payout_items` (`run_id`,`affiliate_id`,`currency`);--> statement-breakpoint
-- Hand-written (drizzle-kit's ALTER TABLE ADD of a NOT NULL column without a default is refused by
-- SQLite): the table is rebuilt, and each live lock now names its item's run instead of the item.
CREATE TABLE `__new_payout_locks` (
	`commission_id` integer PRIMARY KEY NOT NULL,
	`payout_run_id` integer NOT NULL
);
--> statement-breakpoint
INSERT INTO `__new_payout_locks` (`commission_id`, `payout_run_id`)
  SELECT k.`commission_id`, i.`run_id` FROM `payout_locks` k JOIN `payout_items` i ON i.`id` = k.`payout_item_id`;--> statement-breakpoint
DROP TABLE `payout_locks`;--> statement-breakpoint
ALTER TABLE `__new_payout_locks` RENAME TO `payout_locks`;
