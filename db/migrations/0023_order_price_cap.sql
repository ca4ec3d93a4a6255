ALTER TABLE "orders" ADD COLUMN "price_cap" bigint;--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "price_consent" text;