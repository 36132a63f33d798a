-- Hand-written (drizzle-kit cannot generate triggers or data steps).
-- 1. Live locks move from payout_item_lines to commissions.payout_item_id; the table keeps only released history.
UPDATE `commissions` SET `payout_item_id` = l.`item_id`
  FROM `payout_item_lines` l WHERE l.`commission_id` = `commissions`.`id` AND l.`released_at` IS NULL;--> statement-breakpoint
DELETE FROM `payout_item_lines` WHERE `released_at` IS NULL;--> statement-breakpoint
-- 2. A line held by a payout item cannot be handed to another item: only a release (back to NULL) frees it.
-- This, not the code, is what stops two runs (even from two processes) from paying one line twice.
CREATE TRIGGER `commissions_one_payout_item` BEFORE UPDATE OF `payout_item_id` ON `commissions`
WHEN OLD.`payout_item_id` IS NOT NULL AND NEW.`payout_item_id` IS NOT NULL
BEGIN
  SELECT RAISE(ABORT, 'commission line already held by a payout item');
END;
