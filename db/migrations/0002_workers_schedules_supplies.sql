CREATE TYPE "public"."supply_movement_kind" AS ENUM('received', 'issued', 'returned', 'written_off', 'used');--> statement-breakpoint
CREATE TABLE "worker_schedules" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"worker_id" uuid NOT NULL,
	"weekday" integer NOT NULL,
	"from_time" text NOT NULL,
	"to_time" text NOT NULL,
	CONSTRAINT "worker_schedules_weekday_chk" CHECK ("worker_schedules"."weekday" between 1 and 7),
	CONSTRAINT "worker_schedules_time_chk" CHECK ("worker_schedules"."from_time" ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$' and "worker_schedules"."to_time" ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$')
);
--> statement-breakpoint
CREATE TABLE "worker_time_off" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"worker_id" uuid NOT NULL,
	"from_date" date NOT NULL,
	"to_date" date NOT NULL,
	"reason" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "worker_time_off_range_chk" CHECK ("worker_time_off"."to_date" >= "worker_time_off"."from_date")
);
--> statement-breakpoint
CREATE TABLE "service_supplies" (
	"service_id" uuid NOT NULL,
	"supply_id" uuid NOT NULL,
	"quantity" integer NOT NULL,
	CONSTRAINT "service_supplies_service_id_supply_id_pk" PRIMARY KEY("service_id","supply_id"),
	CONSTRAINT "service_supplies_qty_chk" CHECK ("service_supplies"."quantity" > 0)
);
--> statement-breakpoint
CREATE TABLE "supplies" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name_ru" text NOT NULL,
	"name_en" text NOT NULL,
	"unit" text NOT NULL,
	"unit_cost" bigint DEFAULT 0 NOT NULL,
	"stock" integer DEFAULT 0 NOT NULL,
	"low_stock_threshold" integer DEFAULT 0 NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "supplies_stock_nonneg_chk" CHECK ("supplies"."stock" >= 0)
);
--> statement-breakpoint
CREATE TABLE "supply_movements" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"supply_id" uuid NOT NULL,
	"kind" "supply_movement_kind" NOT NULL,
	"quantity" integer NOT NULL,
	"worker_id" uuid,
	"order_id" uuid,
	"actor_id" uuid,
	"note" text DEFAULT '' NOT NULL,
	"shortfall" integer DEFAULT 0 NOT NULL,
	"resolved_at" timestamp with time zone,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "supply_movements_qty_chk" CHECK ("supply_movements"."quantity" > 0)
);
--> statement-breakpoint
CREATE TABLE "worker_supply_holdings" (
	"worker_id" uuid NOT NULL,
	"supply_id" uuid NOT NULL,
	"quantity" integer DEFAULT 0 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "worker_supply_holdings_worker_id_supply_id_pk" PRIMARY KEY("worker_id","supply_id")
);
--> statement-breakpoint
ALTER TABLE "worker_profiles" ADD COLUMN "ical_token" text;--> statement-breakpoint
ALTER TABLE "worker_schedules" ADD CONSTRAINT "worker_schedules_worker_id_worker_profiles_user_id_fk" FOREIGN KEY ("worker_id") REFERENCES "public"."worker_profiles"("user_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "worker_time_off" ADD CONSTRAINT "worker_time_off_worker_id_worker_profiles_user_id_fk" FOREIGN KEY ("worker_id") REFERENCES "public"."worker_profiles"("user_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_supplies" ADD CONSTRAINT "service_supplies_service_id_services_id_fk" FOREIGN KEY ("service_id") REFERENCES "public"."services"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_supplies" ADD CONSTRAINT "service_supplies_supply_id_supplies_id_fk" FOREIGN KEY ("supply_id") REFERENCES "public"."supplies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supply_movements" ADD CONSTRAINT "supply_movements_supply_id_supplies_id_fk" FOREIGN KEY ("supply_id") REFERENCES "public"."supplies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supply_movements" ADD CONSTRAINT "supply_movements_worker_id_users_id_fk" FOREIGN KEY ("worker_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supply_movements" ADD CONSTRAINT "supply_movements_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supply_movements" ADD CONSTRAINT "supply_movements_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "worker_supply_holdings" ADD CONSTRAINT "worker_supply_holdings_worker_id_users_id_fk" FOREIGN KEY ("worker_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "worker_supply_holdings" ADD CONSTRAINT "worker_supply_holdings_supply_id_supplies_id_fk" FOREIGN KEY ("supply_id") REFERENCES "public"."supplies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "worker_schedules_worker_idx" ON "worker_schedules" USING btree ("worker_id","weekday");--> statement-breakpoint
CREATE INDEX "worker_time_off_worker_idx" ON "worker_time_off" USING btree ("worker_id","from_date");--> statement-breakpoint
CREATE INDEX "supply_movements_supply_idx" ON "supply_movements" USING btree ("supply_id","at");--> statement-breakpoint
CREATE INDEX "supply_movements_worker_idx" ON "supply_movements" USING btree ("worker_id","at");--> statement-breakpoint
CREATE INDEX "supply_movements_order_idx" ON "supply_movements" USING btree ("order_id");--> statement-breakpoint
ALTER TABLE "worker_profiles" ADD CONSTRAINT "worker_profiles_icalToken_unique" UNIQUE("ical_token");