CREATE TABLE "money_approvals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
	"request_key" text NOT NULL,
	"input" jsonb NOT NULL,
	"subject_id" uuid NOT NULL,
	"invoice_id" uuid,
	"amount" bigint NOT NULL,
	"currency" text NOT NULL,
	"requested_by" uuid NOT NULL,
	"requested_at" timestamp with time zone DEFAULT now() NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"decision_note" text,
	"entry_id" uuid,
	"payment_id" uuid,
	CONSTRAINT "money_approvals_amount_positive" CHECK ("money_approvals"."amount" > 0),
	CONSTRAINT "money_approvals_kind" CHECK ("money_approvals"."kind" in ('bonus', 'write_off', 'bank_transfer')),
	CONSTRAINT "money_approvals_status" CHECK ("money_approvals"."status" in ('pending', 'approved', 'rejected')),
	CONSTRAINT "money_approvals_decided" CHECK (("money_approvals"."status" = 'pending') = ("money_approvals"."decided_by" is null and "money_approvals"."decided_at" is null)),
	CONSTRAINT "money_approvals_posted" CHECK (("money_approvals"."status" = 'approved') = ("money_approvals"."entry_id" is not null))
);
--> statement-breakpoint
ALTER TABLE "money_approvals" ADD CONSTRAINT "money_approvals_subject_id_users_id_fk" FOREIGN KEY ("subject_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "money_approvals" ADD CONSTRAINT "money_approvals_invoice_id_invoices_id_fk" FOREIGN KEY ("invoice_id") REFERENCES "public"."invoices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "money_approvals" ADD CONSTRAINT "money_approvals_requested_by_users_id_fk" FOREIGN KEY ("requested_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "money_approvals" ADD CONSTRAINT "money_approvals_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "money_approvals" ADD CONSTRAINT "money_approvals_entry_id_journal_entries_id_fk" FOREIGN KEY ("entry_id") REFERENCES "public"."journal_entries"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "money_approvals" ADD CONSTRAINT "money_approvals_payment_id_payments_id_fk" FOREIGN KEY ("payment_id") REFERENCES "public"."payments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "money_approvals_request_key_uq" ON "money_approvals" USING btree ("request_key") WHERE "money_approvals"."status" <> 'rejected';--> statement-breakpoint
CREATE INDEX "money_approvals_status_idx" ON "money_approvals" USING btree ("status","requested_at","id");--> statement-breakpoint
CREATE INDEX "money_approvals_requester_idx" ON "money_approvals" USING btree ("requested_by","requested_at","id");