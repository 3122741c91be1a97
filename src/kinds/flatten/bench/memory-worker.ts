// Runs one plan's INSERT over a day (as one chunk or as hour chunks) in a fresh process and
// prints that process's peak resident memory: with the embedded engine, the engine's peak. With a
// byte count, the GROUP BY and the join spill to disk past it (max_bytes_before_external_group_by and _join).
import { connect } from '../../../engine/connect.js';
import { chunksOfDay, windowParams, type ChunkSpec } from '../../../core/windows.js';
import { quoteTable } from '../../../core/quote.js';
import { statementOf } from '../../../plan/plan-dir.js';
import { readPlan } from '../plan/plan.js';

const [dataDir, planDir, day, chunk, spillBytes] = process.argv.slice(2) as [
  string,
  string,
  string,
  ChunkSpec,
  string?,
];
const settings = spillBytes
  ? { max_bytes_before_external_group_by: spillBytes, max_bytes_before_external_join: spillBytes }
  : undefined;
const engine = await connect({ dataDir, queryTimeoutSec: 3600 });
const plan = readPlan(planDir);
// As in the timed runs: no background merge of the source or of staging adds to the peak.
await engine.command('SYSTEM STOP MERGES');
await engine.command(`TRUNCATE TABLE ${quoteTable(plan.manifest.tables.staging)}`);
const started = performance.now();
for (const window of chunksOfDay(day, plan.manifest.timeZone, chunk)) {
  await engine.command(statementOf(plan, 'insert_chunk'), { params: windowParams(window), settings });
}
const seconds = (performance.now() - started) / 1000;
await engine.close();
process.stdout.write(`${JSON.stringify({ maxRssBytes: process.resourceUsage().maxRSS * 1024, seconds })}\n`);
