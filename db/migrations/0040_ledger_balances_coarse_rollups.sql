CREATE TABLE "order_stats_dims_daily" (
	"day" date NOT NULL,
	"status" "order_status" NOT NULL,
	"reason_code" text DEFAULT '' NOT NULL,
	"service_id" uuid NOT NULL,
	"zone_id" uuid NOT NULL,
	"orders" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "order_stats_dims_daily_key" UNIQUE("day","status","reason_code","service_id","zone_id")
);
--> statement-breakpoint
CREATE TABLE "order_stats_worker_daily" (
	"day" date NOT NULL,
	"worker_id" uuid,
	"status" "order_status",
	"orders" integer DEFAULT 0 NOT NULL,
	"declined" integer DEFAULT 0 NOT NULL,
	"starts" integer DEFAULT 0 NOT NULL,
	"on_time" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "order_stats_worker_daily_key" UNIQUE NULLS NOT DISTINCT("day","worker_id","status")
);
--> statement-breakpoint
CREATE TABLE "account_balances" (
	"account_id" uuid NOT NULL,
	"slot" bigint NOT NULL,
	"debits" bigint DEFAULT 0 NOT NULL,
	"credits" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "account_balances_account_id_slot_pk" PRIMARY KEY("account_id","slot")
);
--> statement-breakpoint
ALTER TABLE "account_balances" ADD CONSTRAINT "account_balances_account_id_ledger_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."ledger_accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "order_stats_worker_daily_worker_idx" ON "order_stats_worker_daily" USING btree ("worker_id","day");--> statement-breakpoint
-- Hand-written (issue 17), to carry over when renumbering: the trigger that keeps account_balances in the
-- transaction of every posting, whoever inserts it (lib/finance postEntry, payroll's set-based postings, a bulk
-- load). Per statement, one row per account: added to a row of the account no other transaction holds (own rows
-- first), or else a new row of this transaction's own (slot = its id), so posting transactions never wait on
-- each other for a balance and cannot deadlock over one. Accounts in id order.
CREATE FUNCTION finance_keep_balances() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  r record;
  mine bigint := pg_current_xact_id()::text::bigint;
BEGIN
  FOR r IN
    SELECT account_id, coalesce(sum(amount) FILTER (WHERE amount > 0), 0) AS debits,
           coalesce(-sum(amount) FILTER (WHERE amount < 0), 0) AS credits
    FROM new_postings GROUP BY account_id ORDER BY account_id
  LOOP
    UPDATE account_balances b SET debits = b.debits + r.debits, credits = b.credits + r.credits
    WHERE (b.account_id, b.slot) = (
      SELECT f.account_id, f.slot FROM account_balances f WHERE f.account_id = r.account_id
      ORDER BY f.slot = mine DESC LIMIT 1 FOR UPDATE SKIP LOCKED);
    IF NOT FOUND THEN
      INSERT INTO account_balances (account_id, slot, debits, credits) VALUES (r.account_id, mine, r.debits, r.credits);
    END IF;
  END LOOP;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER postings_keep_balances AFTER INSERT ON postings REFERENCING NEW TABLE AS new_postings
  FOR EACH STATEMENT EXECUTE FUNCTION finance_keep_balances();
--> statement-breakpoint
-- Backfill (hand-written): every account's turnover so far, in slot 0.
INSERT INTO account_balances (account_id, slot, debits, credits)
SELECT account_id, 0, coalesce(sum(amount) FILTER (WHERE amount > 0), 0), coalesce(-sum(amount) FILTER (WHERE amount < 0), 0)
FROM postings GROUP BY account_id;
--> statement-breakpoint
-- Backfill (hand-written): the coarse rollups are sums of order_stats_daily's rows (lib/quality/order-stats.ts).
INSERT INTO order_stats_dims_daily (day, status, reason_code, service_id, zone_id, orders)
SELECT day, status, reason_code, service_id, zone_id, sum(orders) FROM order_stats_daily
WHERE status IS NOT NULL GROUP BY day, status, reason_code, service_id, zone_id;
--> statement-breakpoint
INSERT INTO order_stats_worker_daily (day, worker_id, status, orders, declined, starts, on_time)
SELECT day, worker_id, status, sum(orders), sum(declined), sum(starts), sum(on_time) FROM order_stats_daily
GROUP BY day, worker_id, status;
