CREATE TABLE `conversion_risk` (
	`conversion_id` integer PRIMARY KEY NOT NULL,
	`score` integer NOT NULL,
	`input` text NOT NULL,
	`reasons` text DEFAULT '[]' NOT NULL,
	`model` text,
	`review_threshold` integer NOT NULL,
	`reject_threshold` integer NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`conversion_id`) REFERENCES `conversions`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `fraud_labels` (
	`conversion_id` integer PRIMARY KEY NOT NULL,
	`fraud` integer NOT NULL,
	`actor` text NOT NULL,
	`decided_at` integer NOT NULL,
	FOREIGN KEY (`conversion_id`) REFERENCES `conversions`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `fraud_models` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`trained_at` integer NOT NULL,
	`examples` integer NOT NULL,
	`model` text NOT NULL
);
--> statement-breakpoint
ALTER TABLE `clicks` ADD `hidden` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `conversions` ADD `fingerprint` text;--> statement-breakpoint
ALTER TABLE `conversions` ADD `user_agent` text;--> statement-breakpoint
ALTER TABLE `conversions` ADD `customer_email` text;--> statement-breakpoint
ALTER TABLE `conversions` ADD `country` text;