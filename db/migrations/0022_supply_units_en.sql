ALTER TABLE "supplies" ADD COLUMN "unit_en" text DEFAULT '' NOT NULL;--> statement-breakpoint
-- The common units already in use get their English names; anything else shows its Russian unit until an admin sets one.
UPDATE "supplies" SET "unit_en" = CASE "unit"
  WHEN 'шт' THEN 'pcs' WHEN 'шт.' THEN 'pcs' WHEN 'бут.' THEN 'btl' WHEN 'пар' THEN 'pairs' WHEN 'л' THEN 'l'
  WHEN 'кг' THEN 'kg' WHEN 'уп.' THEN 'pack' WHEN 'рул.' THEN 'roll' ELSE '' END;
