-- Every failure reason gets a penalty rule row, switched off (rate 0) where no default fine applies, so an
-- admin can set a fine for poor quality, damage and the rest on the rules page. Existing rows stay as they are.
INSERT INTO "penalty_rules" ("rule", "from_value", "to_value", "rate_bp", "fixed_amount", "active") VALUES
  ('fail:poor_quality', 0, NULL, 0, 0, false),
  ('fail:damage', 0, NULL, 0, 0, false),
  ('fail:client_unreachable', 0, NULL, 0, 0, false),
  ('fail:other', 0, NULL, 0, 0, false)
ON CONFLICT ON CONSTRAINT "penalty_rules_rule_from_uq" DO NOTHING;
