CREATE TYPE "public"."staff_note_kind" AS ENUM('permanent', 'one_off');--> statement-breakpoint
CREATE TABLE "client_preferred_workers" (
	"client_id" uuid NOT NULL,
	"worker_id" uuid NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "client_preferred_workers_client_id_worker_id_pk" PRIMARY KEY("client_id","worker_id")
);
--> statement-breakpoint
CREATE TABLE "client_staff_notes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"client_id" uuid NOT NULL,
	"kind" "staff_note_kind" NOT NULL,
	"order_id" uuid,
	"body" text NOT NULL,
	"author_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"archived_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "client_preferred_workers" ADD CONSTRAINT "client_preferred_workers_client_id_users_id_fk" FOREIGN KEY ("client_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "client_preferred_workers" ADD CONSTRAINT "client_preferred_workers_worker_id_users_id_fk" FOREIGN KEY ("worker_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "client_preferred_workers" ADD CONSTRAINT "client_preferred_workers_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "client_staff_notes" ADD CONSTRAINT "client_staff_notes_client_id_users_id_fk" FOREIGN KEY ("client_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "client_staff_notes" ADD CONSTRAINT "client_staff_notes_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "client_staff_notes" ADD CONSTRAINT "client_staff_notes_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "client_staff_notes_client_idx" ON "client_staff_notes" USING btree ("client_id","created_at");--> statement-breakpoint
CREATE INDEX "client_staff_notes_order_idx" ON "client_staff_notes" USING btree ("order_id");