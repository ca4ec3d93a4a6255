CREATE TABLE "tips" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"order_id" uuid NOT NULL,
	"client_id" uuid NOT NULL,
	"worker_id" uuid NOT NULL,
	"amount" bigint NOT NULL,
	"currency" text NOT NULL,
	"method" text NOT NULL,
	"status" text NOT NULL,
	"request_key" text NOT NULL,
	"provider" text,
	"saved_method_id" uuid,
	"provider_ref" text,
	"failure_code" text,
	"entry_id" uuid,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"posted_at" timestamp with time zone,
	CONSTRAINT "tips_amount_positive" CHECK ("tips"."amount" > 0)
);
--> statement-breakpoint
ALTER TABLE "payroll_runs" ADD COLUMN "tips" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "payslips" ADD COLUMN "tips" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "tips" ADD CONSTRAINT "tips_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tips" ADD CONSTRAINT "tips_client_id_users_id_fk" FOREIGN KEY ("client_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tips" ADD CONSTRAINT "tips_worker_id_users_id_fk" FOREIGN KEY ("worker_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tips" ADD CONSTRAINT "tips_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "tips_request_uq" ON "tips" USING btree ("request_key");--> statement-breakpoint
CREATE UNIQUE INDEX "tips_order_live_uq" ON "tips" USING btree ("order_id") WHERE "tips"."status" <> 'failed';--> statement-breakpoint
CREATE INDEX "tips_client_idx" ON "tips" USING btree ("client_id");--> statement-breakpoint
CREATE INDEX "tips_worker_idx" ON "tips" USING btree ("worker_id");