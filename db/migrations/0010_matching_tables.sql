CREATE TABLE "client_blocked_workers" (
	"client_id" uuid NOT NULL,
	"worker_id" uuid NOT NULL,
	"reason" text DEFAULT '' NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "client_blocked_workers_client_id_worker_id_pk" PRIMARY KEY("client_id","worker_id")
);
--> statement-breakpoint
CREATE TABLE "match_explanations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"order_id" uuid NOT NULL,
	"run_id" uuid,
	"kind" text NOT NULL,
	"worker_id" uuid NOT NULL,
	"cost" double precision,
	"terms" jsonb,
	"runners_up" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"actor_id" uuid,
	"override_reason" text,
	"overridden_rules" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "match_locks" (
	"name" text PRIMARY KEY NOT NULL,
	"holder" uuid NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "match_runs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"trigger" text NOT NULL,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone,
	"considered" integer DEFAULT 0 NOT NULL,
	"matched" integer DEFAULT 0 NOT NULL,
	"unmatched" integer DEFAULT 0 NOT NULL,
	"conflicts" integer DEFAULT 0 NOT NULL,
	"flagged" integer DEFAULT 0 NOT NULL,
	"duration_ms" integer
);
--> statement-breakpoint
CREATE TABLE "unmatched_flags" (
	"order_id" uuid PRIMARY KEY NOT NULL,
	"flagged_at" timestamp with time zone DEFAULT now() NOT NULL,
	"reasons" jsonb DEFAULT '{}'::jsonb NOT NULL
);
--> statement-breakpoint
ALTER TABLE "client_blocked_workers" ADD CONSTRAINT "client_blocked_workers_client_id_users_id_fk" FOREIGN KEY ("client_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "client_blocked_workers" ADD CONSTRAINT "client_blocked_workers_worker_id_users_id_fk" FOREIGN KEY ("worker_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "client_blocked_workers" ADD CONSTRAINT "client_blocked_workers_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "match_explanations" ADD CONSTRAINT "match_explanations_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "match_explanations" ADD CONSTRAINT "match_explanations_run_id_match_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."match_runs"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "match_explanations" ADD CONSTRAINT "match_explanations_worker_id_users_id_fk" FOREIGN KEY ("worker_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "match_explanations" ADD CONSTRAINT "match_explanations_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "unmatched_flags" ADD CONSTRAINT "unmatched_flags_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "client_blocked_workers_worker_idx" ON "client_blocked_workers" USING btree ("worker_id");--> statement-breakpoint
CREATE INDEX "match_explanations_order_idx" ON "match_explanations" USING btree ("order_id","created_at");--> statement-breakpoint
CREATE INDEX "match_runs_started_idx" ON "match_runs" USING btree ("started_at");