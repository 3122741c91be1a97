import type { Engine } from '../../../engine/engine.js';
import { tableColumns } from '../../../engine/table-columns.js';
import { SchemaError } from '../../../core/errors.js';
import { quoteString } from '../../../core/quote.js';
import { TOOL_VERSION } from '../../../core/version.js';
import { formatTableRef, type TableRef } from '../../../config/settings.js';
import { writePlanDir } from '../../../plan/plan-dir.js';
import { basename } from 'node:path';
import { buildBackfillPlan } from './plan.js';
import { backfillTables, type BackfillInputs } from './compile.js';
import { findDerived } from './derived.js';
import type { BackfillSpec } from './spec.js';

async function required(
  engine: Engine,
  table: TableRef,
  role: string,
  flag: string,
): Promise<{ name: string; type: string }[]> {
  const columns = await tableColumns(engine, table);
  if (!columns) {
    throw new SchemaError(
      `The ${role} ${formatTableRef(table)} does not exist on ${engine.description}; nothing was compiled. Pass ${flag} db.table, or create demo data with chplan seed --kind langfuse --month YYYY-MM.`,
    );
  }
  return columns;
}

const UTC_ALIASES = new Set([
  'UTC',
  'Etc/UTC',
  'Etc/UCT',
  'UCT',
  'Etc/Universal',
  'Universal',
  'Etc/Zulu',
  'Zulu',
  'GMT',
  'Etc/GMT',
  'Etc/GMT0',
  'GMT0',
  'Greenwich',
  'Etc/Greenwich',
]);
const zoneName = (zone: string) => (UTC_ALIASES.has(zone) ? 'UTC' : zone);

/**
 * The plan reads a month as one partition (`_partition_id`), so the table must be partitioned by month of its time
 * column.
 */
async function requireMonthlyPartitions(engine: Engine, table: TableRef, role: string, column: string): Promise<void> {
  const [row] = await engine.rows<{ key: string }>(
    `SELECT partition_key AS key FROM system.tables WHERE database = ${quoteString(table.database)} AND name = ${quoteString(table.name)}`,
  );
  if (row && row.key !== `toYYYYMM(${column})`) {
    throw new SchemaError(
      `The ${role} ${formatTableRef(table)} is partitioned by ${row.key || 'nothing'}, not toYYYYMM(${column}) as Langfuse's is; the backfill reads one month as one partition. Nothing was compiled.`,
    );
  }
}

/**
 * What a plan is compiled from besides the spec, read from the engine: the tables' columns, checked, and a view
 * deriving from the target.
 */
export async function backfillInputs(engine: Engine, spec: BackfillSpec): Promise<BackfillInputs> {
  const source = await required(engine, spec.source, 'observations table', '--source');
  const lookup = await required(engine, spec.lookup, 'traces table', '--lookup');
  const [server] = await engine.rows<{ zone: string }>('SELECT timezone() AS zone');
  if (server && zoneName(server.zone) !== zoneName(spec.timeZone)) {
    throw new SchemaError(
      `The spec's timeZone is ${spec.timeZone}, but ${engine.description} runs in ${server.zone}, where toYYYYMM() cuts Langfuse's monthly partitions. Nothing was compiled. Set "timeZone": ${JSON.stringify(server.zone)}.`,
    );
  }
  await requireMonthlyPartitions(engine, spec.source, 'observations table', 'start_time');
  await requireMonthlyPartitions(engine, spec.lookup, 'traces table', 'timestamp');
  const exclude = spec.exclude ? await tableColumns(engine, spec.exclude) : null;
  if (spec.exclude && !exclude) {
    throw new SchemaError(
      `${formatTableRef(spec.exclude)} does not exist on ${engine.description}; nothing was compiled. Langfuse leaves the traces of dataset runs (dataset_run_items_rmt) to another backfill: point "excludeDatasetRuns" in the spec at that table, or set it to null to keep every trace.`,
    );
  }
  const target = await tableColumns(engine, spec.target);
  const derived = target ? await findDerived(engine, spec.target, backfillTables(spec).staging) : null;
  return { spec, source, lookup, target, exclude, derived };
}

/**
 * Compiles a backfill spec into a plan directory. The engine is only asked about the tables
 * (columns, partition keys, a view deriving from the target); rendering itself is pure.
 */
export async function compileBackfillDir(
  engine: Engine,
  spec: BackfillSpec,
  out = `generated-sql/${spec.name}`,
): Promise<{ out: string; files: string[]; planHash: string }> {
  const { files, manifest } = buildBackfillPlan(await backfillInputs(engine, spec), {
    name: basename(out),
    dir: out,
    toolVersion: TOOL_VERSION,
  });
  writePlanDir(out, files);
  return { out, files: files.map((f) => f.name), planHash: manifest.planHash };
}
