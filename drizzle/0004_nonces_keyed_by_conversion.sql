PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_postback_nonces` (
	`conversion_id` integer NOT NULL,
	`signature` text NOT NULL,
	`expires_at` integer NOT NULL,
	PRIMARY KEY(`conversion_id`, `signature`),
	FOREIGN KEY (`conversion_id`) REFERENCES `conversions`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
-- Hand-edited: the old rows name no conversion, so they are not copied. They guard at most the
-- 5-minute timestamp window before the upgrade, and a replay of such a postback still changes nothing:
-- its order is a duplicate, or its status move is a no-op or refused by the state machine.
DROP TABLE `postback_nonces`;--> statement-breakpoint
ALTER TABLE `__new_postback_nonces` RENAME TO `postback_nonces`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE INDEX `postback_nonces_expires` ON `postback_nonces` (`expires_at`);