-- No worker can hold two assigned or in-progress orders whose times overlap (half-open ranges, so
-- back-to-back jobs are fine). Concurrent dispatches that race for one worker get 23P01 from here.
CREATE EXTENSION IF NOT EXISTS btree_gist;
--> statement-breakpoint
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conname = 'orders_worker_no_overlap') THEN
    ALTER TABLE orders ADD CONSTRAINT orders_worker_no_overlap
      EXCLUDE USING gist (worker_id WITH =, tstzrange(scheduled_start, scheduled_end) WITH &&)
      WHERE (worker_id IS NOT NULL AND status IN ('assigned', 'in_progress'));
  END IF;
END
$$;
