ALTER TABLE "invoices" DROP CONSTRAINT "invoices_client_id_users_id_fk";
