ALTER TABLE "worker_profiles" ADD COLUMN "ical_token_hash" text;--> statement-breakpoint
ALTER TABLE "worker_profiles" ADD COLUMN "ical_token_created_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "worker_profiles" ADD CONSTRAINT "worker_profiles_icalTokenHash_unique" UNIQUE("ical_token_hash");--> statement-breakpoint
-- Existing feed links keep working: their tokens are hashed as lib/auth hashToken does (sha256, hex).
UPDATE "worker_profiles" SET "ical_token_hash" = encode(sha256(convert_to("ical_token", 'UTF8')), 'hex'), "ical_token_created_at" = "updated_at" WHERE "ical_token" IS NOT NULL;
