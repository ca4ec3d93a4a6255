ALTER TABLE "match_runs" ADD COLUMN "moved" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
-- The day's re-plan may swap two workers' jobs at the same hour in one transaction: the no-overlap check becomes
-- deferrable (still checked at once unless a transaction defers it; lib/orders deferOverlapCheck). PostgreSQL 15
-- cannot alter an exclusion constraint in place, so it is added again (one GiST build over the assigned orders).
ALTER TABLE orders DROP CONSTRAINT orders_worker_no_overlap;
--> statement-breakpoint
ALTER TABLE orders ADD CONSTRAINT orders_worker_no_overlap
  EXCLUDE USING gist (worker_id WITH =, tstzrange(scheduled_start, scheduled_end) WITH &&)
  WHERE (worker_id IS NOT NULL AND status IN ('assigned', 'in_progress'))
  DEFERRABLE INITIALLY IMMEDIATE;
