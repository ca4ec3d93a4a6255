-- No order lasts longer than a day (db/schema/orders.ts MAX_ORDER_HOURS): reads of the orders overlapping a period
-- bound their start from both sides. Added NOT VALID and then validated, so the check of the existing rows does not
-- hold the table's exclusive lock.
ALTER TABLE "orders" ADD CONSTRAINT "orders_length_max" CHECK ("orders"."scheduled_end" <= "orders"."scheduled_start" + interval '24 hours') NOT VALID;--> statement-breakpoint
ALTER TABLE "orders" VALIDATE CONSTRAINT "orders_length_max";--> statement-breakpoint
-- The desk's (scheduled_start, id) index, now also carrying what the schedule board reads of a week's orders (its
-- version: end and updated_at; its day totals: status, worker and end), so those reads are index-only scans.
-- drizzle cannot declare INCLUDE; the schema keeps the key columns. Built under a new name, then swapped in.
CREATE INDEX "orders_start_id_cover_idx" ON "orders" USING btree ("scheduled_start","id") INCLUDE ("scheduled_end","status","worker_id","updated_at");--> statement-breakpoint
DROP INDEX "orders_start_id_idx";--> statement-breakpoint
ALTER INDEX "orders_start_id_cover_idx" RENAME TO "orders_start_id_idx";
