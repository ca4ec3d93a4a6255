ALTER TABLE "plans" ADD COLUMN "next_plan_id" uuid;--> statement-breakpoint
ALTER TABLE "plans" ADD COLUMN "previous_plan_id" uuid;