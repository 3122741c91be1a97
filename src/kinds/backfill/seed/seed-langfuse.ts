import type { Engine } from '../../../engine/engine.js';
import { ConfigError } from '../../../core/errors.js';
import { quoteTable } from '../../../core/quote.js';
import { formatTableRef, type TableRef } from '../../../config/settings.js';
import { tableColumns } from '../../../engine/table-columns.js';
import { datasetRunItemInserts, observationInserts, traceInserts, type LangfuseSeed } from './langfuse-sql.js';
import { applyLangfuseMigrations } from './langfuse-schema.js';

export interface LangfuseSeedResult {
  observations: TableRef;
  traces: TableRef;
  month: string;
  /** Rows inserted, every version counted. */
  observationRows: number;
  traceRows: number;
  seconds: number;
}

/** `YYYY-MM`, checked. */
export function parseMonth(text: string, flag = '--month'): string {
  const match = /^(\d{4})-(\d{2})$/.exec(text);
  if (!match || Number(match[2]) < 1 || Number(match[2]) > 12)
    throw new ConfigError(`${flag} ${JSON.stringify(text)} is not a month; use YYYY-MM, e.g. ${flag} 2024-06.`);
  return text;
}

async function rowsOfMonth(engine: Engine, table: TableRef, column: string, month: string): Promise<number> {
  const [row] = await engine.rows<{ n: string }>(
    `SELECT count() AS n FROM ${quoteTable(table)} WHERE toYYYYMM(${column}) = {m:UInt32}`,
    { params: { m: Number(month.replace('-', '')) } },
  );
  return Number(row?.n ?? 0);
}

/**
 * Creates Langfuse's current schema (its migrations, in order) when the tables are missing and
 * fills one month server-side. A month that already has observations is refused unless
 * `replace`, which drops that month's partitions first.
 */
export async function seedLangfuse(
  engine: Engine,
  options: Omit<LangfuseSeed, 'projects'> & { replace: boolean },
): Promise<LangfuseSeedResult> {
  if (!Number.isInteger(options.observationCount) || options.observationCount < 1)
    throw new ConfigError(`--observations must be a positive whole number, not ${options.observationCount}.`);
  if (!Number.isInteger(options.traceCount) || options.traceCount < 1)
    throw new ConfigError(`--traces must be a positive whole number, not ${options.traceCount}.`);
  if (!Number.isInteger(options.seed)) throw new ConfigError(`--seed must be a whole number, not ${options.seed}.`);
  const started = Date.now();
  const fresh = (await tableColumns(engine, options.observations)) === null;
  if (fresh) {
    const expected = { database: 'default', name: 'observations' };
    if (
      formatTableRef(options.observations) !== formatTableRef(expected) ||
      formatTableRef(options.traces) !== 'default.traces'
    ) {
      throw new ConfigError(
        `${formatTableRef(options.observations)} does not exist, and chplan creates Langfuse's tables only as Langfuse does: by its migrations, as default.observations and default.traces. Nothing was changed. Seed without --source/--lookup, or create the tables first.`,
      );
    }
    await applyLangfuseMigrations(engine);
  }
  const partition = options.month.replace('-', '');
  if ((await rowsOfMonth(engine, options.observations, 'start_time', options.month)) > 0) {
    if (!options.replace) {
      throw new ConfigError(
        `${formatTableRef(options.observations)} already has observations in ${options.month}; nothing was changed. Pass --replace to regenerate the month, or seed another month.`,
      );
    }
    for (const table of [options.observations, options.traces]) {
      await engine.command(`ALTER TABLE ${quoteTable(table)} DROP PARTITION ID {p:String}`, {
        params: { p: partition },
        step: 'drop month',
      });
    }
  }
  const seed: LangfuseSeed = { ...options, projects: 20 };
  for (const sql of traceInserts(seed)) await engine.command(sql, { step: 'seed traces' });
  for (const sql of observationInserts(seed)) await engine.command(sql, { step: 'seed observations' });
  const runItems = { database: options.observations.database, name: 'dataset_run_items_rmt' };
  if (await tableColumns(engine, runItems))
    for (const sql of datasetRunItemInserts(seed, runItems))
      await engine.command(sql, { step: 'seed dataset run items' });
  return {
    observations: options.observations,
    traces: options.traces,
    month: options.month,
    observationRows: await rowsOfMonth(engine, options.observations, 'start_time', options.month),
    traceRows: Number(
      (await engine.rows<{ n: string }>(`SELECT count() AS n FROM ${quoteTable(options.traces)}`))[0]?.n ?? 0,
    ),
    seconds: (Date.now() - started) / 1000,
  };
}
