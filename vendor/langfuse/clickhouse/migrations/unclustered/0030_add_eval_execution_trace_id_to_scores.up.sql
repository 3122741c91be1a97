ALTER TABLE scores ADD COLUMN IF NOT EXISTS execution_trace_id Nullable(String);
