ALTER TABLE "charge_attempts" ALTER COLUMN "invoice_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "charge_attempts" ADD COLUMN "order_id" uuid;--> statement-breakpoint
ALTER TABLE "charge_attempts" ADD CONSTRAINT "charge_attempts_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "charge_attempts_order_attempt_uq" ON "charge_attempts" USING btree ("order_id","attempt");--> statement-breakpoint
ALTER TABLE "charge_attempts" ADD CONSTRAINT "charge_attempts_one_subject" CHECK (("charge_attempts"."invoice_id" is null) <> ("charge_attempts"."order_id" is null));