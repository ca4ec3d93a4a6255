CREATE TABLE "voided_invoice_lines" (
	"invoice_id" uuid NOT NULL,
	"order_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"amount" bigint NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL,
	CONSTRAINT "voided_invoice_lines_invoice_id_order_id_pk" PRIMARY KEY("invoice_id","order_id")
);
--> statement-breakpoint
ALTER TABLE "invoices" DROP CONSTRAINT "invoices_voided_by_users_id_fk";
--> statement-breakpoint
DROP INDEX "invoice_lines_active_uq";--> statement-breakpoint
DROP INDEX "invoices_period_idx";--> statement-breakpoint
DROP INDEX "payslip_lines_source_uq";--> statement-breakpoint
ALTER TABLE "invoice_lines" DROP CONSTRAINT "invoice_lines_invoice_id_order_id_kind_pk";--> statement-breakpoint
ALTER TABLE "payslip_lines" DROP CONSTRAINT "payslip_lines_payslip_id_kind_source_id_pk";--> statement-breakpoint
ALTER TABLE "invoice_lines" ADD PRIMARY KEY ("order_id");--> statement-breakpoint
ALTER TABLE "payslip_lines" ADD CONSTRAINT "payslip_lines_source_id_pk" PRIMARY KEY("source_id");--> statement-breakpoint
ALTER TABLE "voided_invoice_lines" ADD CONSTRAINT "voided_invoice_lines_invoice_id_invoices_id_fk" FOREIGN KEY ("invoice_id") REFERENCES "public"."invoices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "payslip_lines_payslip_idx" ON "payslip_lines" USING btree ("payslip_id");--> statement-breakpoint
ALTER TABLE "invoice_lines" DROP COLUMN "active";