-- Appends one row to the ledger: a chunk, a publish or the lease. Every ledger row chplan writes
-- comes from this statement, with every value bound as a parameter.
INSERT INTO
    `default`.`chplan_ledger` (
        plan_hash,
        target,
        day,
        window_start,
        window_end,
        chunk_key,
        step,
        status,
        attempt,
        query_id,
        rows_read,
        rows_written,
        runner,
        started_at,
        finished_at,
        error,
        source_version
    )
SELECT
    {plan_hash:String},
    {target:String},
    toDate({day:String}),
    {window_start:DateTime64(3, 'UTC')},
    {window_end:DateTime64(3, 'UTC')},
    {chunk_key:String},
    {step:String},
    {status:String},
    {attempt:UInt32},
    {query_id:String},
    {rows_read:UInt64},
    {rows_written:UInt64},
    {runner:String},
    {started_at:DateTime64(3, 'UTC')},
    {finished_at:DateTime64(3, 'UTC')},
    {error:String},
    {source_version:String}
