CREATE TABLE "plan_skips" (
	"plan_id" uuid NOT NULL,
	"date" date NOT NULL,
	"reason" text NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "plan_skips_plan_id_date_pk" PRIMARY KEY("plan_id","date")
);
--> statement-breakpoint
CREATE TABLE "plans" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"client_id" uuid NOT NULL,
	"service_id" uuid NOT NULL,
	"zone_id" uuid NOT NULL,
	"address" text NOT NULL,
	"access_notes" text DEFAULT '' NOT NULL,
	"contact_phone" text NOT NULL,
	"options" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"frequency_weeks" integer NOT NULL,
	"first_date" date NOT NULL,
	"time" text NOT NULL,
	"until_date" date,
	"status" text DEFAULT 'active' NOT NULL,
	"paused_from" date,
	"paused_until" date,
	"holiday_rule" text DEFAULT 'skip' NOT NULL,
	"regular_worker_id" uuid,
	"generated_until" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "plans_frequency" CHECK ("plans"."frequency_weeks" in (1, 2, 4))
);
--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "plan_id" uuid;--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "plan_date" date;--> statement-breakpoint
ALTER TABLE "plan_skips" ADD CONSTRAINT "plan_skips_plan_id_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."plans"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plans" ADD CONSTRAINT "plans_client_id_users_id_fk" FOREIGN KEY ("client_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plans" ADD CONSTRAINT "plans_service_id_services_id_fk" FOREIGN KEY ("service_id") REFERENCES "public"."services"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plans" ADD CONSTRAINT "plans_zone_id_zones_id_fk" FOREIGN KEY ("zone_id") REFERENCES "public"."zones"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plans" ADD CONSTRAINT "plans_regular_worker_id_users_id_fk" FOREIGN KEY ("regular_worker_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "plans_client_idx" ON "plans" USING btree ("client_id","created_at");--> statement-breakpoint
CREATE INDEX "plans_status_idx" ON "plans" USING btree ("status","generated_until");--> statement-breakpoint
ALTER TABLE "orders" ADD CONSTRAINT "orders_plan_id_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."plans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "orders_plan_date_uq" ON "orders" USING btree ("plan_id","plan_date") WHERE "orders"."plan_id" is not null;