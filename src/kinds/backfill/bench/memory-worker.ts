// Runs a backfill plan's insert over a partition (as one month-long chunk, or chunk by chunk)
// in a fresh process and prints that process's peak resident memory: with the embedded
// engine, the engine's peak.
import { connect } from '../../../engine/connect.js';
import { windowParams } from '../../../core/windows.js';
import { quoteTable } from '../../../core/quote.js';
import { statementOf } from '../../../plan/plan-dir.js';
import { readBackfillPlan } from '../plan/backfill-plan.js';
import { chunkOf, partitionUnit } from '../run/run-backfill.js';

const [dataDir, planDir, partition, chunk] = process.argv.slice(2) as [string, string, string, string];
const engine = await connect({ dataDir, queryTimeoutSec: 3600 });
const plan = readBackfillPlan(planDir);
await engine.command('SYSTEM STOP MERGES');
for (const step of ['create_target', 'create_staging']) await engine.command(statementOf(plan, step));
await engine.command(`TRUNCATE TABLE ${quoteTable(plan.manifest.tables.staging)}`);
const unit = partitionUnit(partition, plan.manifest.timeZone, chunk === 'month' || chunk === 'idle' ? { projectBuckets: 1 } : chunkOf(chunk));
// `idle`: the engine opened and the tables touched, no insert: the footprint every run starts from.
const windows = chunk === 'idle' ? [] : chunk === 'month' ? [unit.whole] : unit.windows;
if (chunk === 'idle') await engine.rows(`SELECT count() FROM ${quoteTable(plan.manifest.tables.source)}`);
const started = performance.now();
for (const window of windows) await engine.command(statementOf(plan, 'insert_chunk'), { params: windowParams(window) });
const seconds = (performance.now() - started) / 1000;
await engine.close();
process.stdout.write(`${JSON.stringify({ maxRssBytes: process.resourceUsage().maxRSS * 1024, seconds })}\n`);
