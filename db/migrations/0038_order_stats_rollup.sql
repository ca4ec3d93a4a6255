CREATE TABLE "order_stats_daily" (
	"day" date NOT NULL,
	"status" "order_status",
	"reason_code" text DEFAULT '' NOT NULL,
	"service_id" uuid NOT NULL,
	"zone_id" uuid NOT NULL,
	"worker_id" uuid,
	"orders" integer DEFAULT 0 NOT NULL,
	"declined" integer DEFAULT 0 NOT NULL,
	"starts" integer DEFAULT 0 NOT NULL,
	"on_time" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "order_stats_daily_key" UNIQUE NULLS NOT DISTINCT("day","status","reason_code","service_id","zone_id","worker_id")
);
--> statement-breakpoint
DROP INDEX "postings_account_at_idx";--> statement-breakpoint
CREATE INDEX "order_stats_daily_worker_idx" ON "order_stats_daily" USING btree ("worker_id","day");--> statement-breakpoint
CREATE INDEX "order_events_to_status_at_idx" ON "order_events" USING btree ("to_status","at");--> statement-breakpoint
CREATE INDEX "orders_end_idx" ON "orders" USING btree ("scheduled_end");--> statement-breakpoint
CREATE INDEX "postings_account_at_amount_idx" ON "postings" USING btree ("account_id","at","amount");
--> statement-breakpoint
-- Backfill: every order's contribution, as lib/quality/order-stats.ts computes it, in the company's time zone.
WITH tz AS (
  SELECT coalesce((SELECT value #>> '{}' FROM settings WHERE key = 'timeZone'), 'Europe/Moscow') AS name
), c AS (
  SELECT (o.scheduled_start AT TIME ZONE tz.name)::date AS day, o.status, coalesce(r.reason_code, '') AS reason_code,
    o.service_id, o.zone_id, o.worker_id, 1 AS orders, 0 AS declined, 0 AS starts, 0 AS on_time
  FROM orders o CROSS JOIN tz
  LEFT JOIN LATERAL (
    SELECT coalesce(e.data->>'reasonCode', e.reason) AS reason_code
    FROM order_events e
    WHERE e.order_id = o.id AND e.to_status = o.status AND o.status IN ('failed', 'cancelled')
    ORDER BY e.at DESC, e.id DESC LIMIT 1
  ) r ON true
  WHERE o.status IN ('completed', 'failed', 'cancelled')
  UNION ALL
  SELECT (o.scheduled_start AT TIME ZONE tz.name)::date, NULL, '', o.service_id, o.zone_id, e.actor_id, 0,
    (e.kind = 'decline')::int, (e.kind = 'start')::int,
    (e.kind = 'start' AND coalesce(e.data->>'late', 'false') <> 'true')::int
  FROM orders o CROSS JOIN tz JOIN order_events e ON e.order_id = o.id
  WHERE e.kind IN ('decline', 'start') AND e.actor_id IS NOT NULL
)
INSERT INTO "order_stats_daily" ("day", "status", "reason_code", "service_id", "zone_id", "worker_id", "orders", "declined", "starts", "on_time")
SELECT day, status, reason_code, service_id, zone_id, worker_id, sum(orders), sum(declined), sum(starts), sum(on_time)
FROM c GROUP BY day, status, reason_code, service_id, zone_id, worker_id;
