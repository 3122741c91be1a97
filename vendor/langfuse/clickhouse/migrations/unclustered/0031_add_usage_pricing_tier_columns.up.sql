ALTER TABLE observations ADD COLUMN usage_pricing_tier_id Nullable(String);
ALTER TABLE observations ADD COLUMN usage_pricing_tier_name Nullable(String);
