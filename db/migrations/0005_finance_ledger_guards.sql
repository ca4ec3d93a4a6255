-- Ledger guards drizzle cannot express (lib/finance, db/schema/finance.ts). Idempotent; runs on PostgreSQL 15 and PGlite.
-- 1. The postings of every journal entry sum to zero, checked at COMMIT (deferred), so an entry's lines may be
--    inserted one by one inside the transaction.
CREATE OR REPLACE FUNCTION finance_check_entry_balanced() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  total numeric;
BEGIN
  SELECT coalesce(sum(amount), 0) INTO total FROM postings WHERE entry_id = NEW.entry_id;
  IF total <> 0 THEN
    RAISE EXCEPTION 'journal entry % is unbalanced: postings sum to %', NEW.entry_id, total USING ERRCODE = '23514';
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
DROP TRIGGER IF EXISTS postings_entry_balanced ON postings;
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER postings_entry_balanced AFTER INSERT ON postings
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION finance_check_entry_balanced();
--> statement-breakpoint
-- 2. An entry has at least two postings (checked at COMMIT too).
CREATE OR REPLACE FUNCTION finance_check_entry_has_postings() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  n integer;
BEGIN
  SELECT count(*) INTO n FROM postings WHERE entry_id = NEW.id;
  IF n < 2 THEN
    RAISE EXCEPTION 'journal entry % has % posting(s); at least two are needed', NEW.id, n USING ERRCODE = '23514';
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
DROP TRIGGER IF EXISTS journal_entries_have_postings ON journal_entries;
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER journal_entries_have_postings AFTER INSERT ON journal_entries
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION finance_check_entry_has_postings();
--> statement-breakpoint
-- 3. Entries and postings are never edited or deleted: corrections are reversal entries.
CREATE OR REPLACE FUNCTION finance_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% rows are append-only (use a reversal entry)', TG_TABLE_NAME USING ERRCODE = '55000';
END
$$;
--> statement-breakpoint
DROP TRIGGER IF EXISTS postings_append_only ON postings;
--> statement-breakpoint
CREATE TRIGGER postings_append_only BEFORE UPDATE OR DELETE ON postings FOR EACH ROW EXECUTE FUNCTION finance_refuse_change();
--> statement-breakpoint
DROP TRIGGER IF EXISTS journal_entries_append_only ON journal_entries;
--> statement-breakpoint
CREATE TRIGGER journal_entries_append_only BEFORE UPDATE OR DELETE ON journal_entries FOR EACH ROW EXECUTE FUNCTION finance_refuse_change();
