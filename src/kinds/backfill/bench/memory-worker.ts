// Runs a partition's backfill inserts in a fresh process and prints that process's peak resident
// memory: with the embedded engine, the engine's peak. `chunk` is a chunk of chplan's plan (its
// inserts only, chunk by chunk), `month` (one chunk for the month), `langfuse` (Langfuse's own
// backfill SQL), `write-floor` (the partition's events copied into a table of the target's
// shape: writing the output once) or `idle` (the engine opened and the tables touched: the
// footprint every run starts from).
import { connect } from '../../../engine/connect.js';
import { windowParams } from '../../../core/windows.js';
import { quoteTable } from '../../../core/quote.js';
import { statementOf } from '../../../plan/plan-dir.js';
import { readBackfillPlan } from '../plan/plan.js';
import { backfillUnits, partitionUnit } from '../run/run.js';
import { langfuseBackfill } from './langfuse-reference.js';

const [dataDir, planDir, partition, chunk] = process.argv.slice(2) as [string, string, string, string];
const engine = await connect({ dataDir, queryTimeoutSec: 3600 });
const plan = readBackfillPlan(planDir);
await engine.command('SYSTEM STOP MERGES');
for (const step of ['create_target', 'create_staging']) await engine.command(statementOf(plan, step));
await engine.command(`TRUNCATE TABLE ${quoteTable(plan.manifest.tables.staging)}`);
await engine.rows(`SELECT count() FROM ${quoteTable(plan.manifest.tables.source)}`);
const started = performance.now();
if (chunk === 'langfuse') {
  // Langfuse's statements insert into events_full (and events_core through its view).
  for (const table of ['events_full', 'events_core']) await engine.command(`TRUNCATE TABLE default.${table}`);
  await langfuseBackfill(engine, partition, { mergeScratch: false });
} else if (chunk === 'write-floor') {
  const { target, staging } = plan.manifest.tables;
  await engine.command(
    `INSERT INTO ${quoteTable(staging)} SELECT * FROM ${quoteTable(target)} WHERE _partition_id = {p:String}`,
    { params: { p: partition } },
  );
} else if (chunk !== 'idle') {
  const [unit] =
    chunk === 'month'
      ? [partitionUnit(partition, plan.manifest.timeZone, { projectBuckets: 1 })]
      : await backfillUnits(engine, plan, [partition], chunk);
  for (const window of unit!.windows)
    await engine.command(statementOf(plan, 'insert_chunk'), { params: windowParams(window) });
}
const seconds = (performance.now() - started) / 1000;
await engine.close();
process.stdout.write(`${JSON.stringify({ maxRssBytes: process.resourceUsage().maxRSS * 1024, seconds })}\n`);
