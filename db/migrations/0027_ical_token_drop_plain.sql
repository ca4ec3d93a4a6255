ALTER TABLE "worker_profiles" DROP CONSTRAINT "worker_profiles_icalToken_unique";--> statement-breakpoint
ALTER TABLE "worker_profiles" DROP COLUMN "ical_token";