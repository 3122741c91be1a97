import type { Engine } from '../../../engine/engine.js';
import { ConfigError } from '../../../core/errors.js';
import { formatTableRef, type Settings } from '../../../config/settings.js';
import { quoteIdent, quoteTable } from '../../../core/quote.js';
import { tableColumns } from '../../../engine/table-columns.js';
import { dayWindow, windowParams } from '../../../core/windows.js';
import { windowFilter } from '../schema/window-filter.js';
import { seedMaps } from './key-catalog.js';
import { createSourceSql, insertSeedSql } from './seed-sql.js';

export interface SeedRequest {
  day: string;
  rows: number;
  customers: number;
  seed: number;
  replace: boolean;
}

export interface SeedResult {
  table: string;
  created: boolean;
  rows: number;
  seconds: number;
}

/**
 * Creates the production-like source table if missing and fills one day server-side.
 * Refuses to touch a day that already has rows unless `replace` is set.
 */
export async function seedDay(engine: Engine, settings: Settings, request: SeedRequest): Promise<SeedResult> {
  if (!Number.isInteger(request.rows) || request.rows < 1)
    throw new ConfigError(`--rows must be a positive integer (got ${request.rows}).`);
  if (!Number.isInteger(request.customers) || request.customers < 1)
    throw new ConfigError(`--customers must be a positive integer (got ${request.customers}).`);
  const started = Date.now();
  const table = settings.source;
  const maps = seedMaps();
  const created = (await tableColumns(engine, table)) === null;
  await engine.command(`CREATE DATABASE IF NOT EXISTS ${quoteIdent(table.database)}`, { step: 'seed' });
  await engine.command(createSourceSql({ table, maps, timeZone: settings.timeZone }), { step: 'seed' });
  const window = dayWindow(request.day, settings.timeZone);
  const params = windowParams(window);
  const wholeDay = windowFilter({ ...settings, customers: null });
  const countSql = `SELECT count() AS rows FROM ${quoteTable(table)} WHERE ${wholeDay}`;
  const [existing] = await engine.rows<{ rows: string }>(countSql, { params, step: 'seed' });
  if (Number(existing?.rows) > 0) {
    if (!request.replace) {
      throw new ConfigError(
        `${formatTableRef(table)} already has ${existing!.rows} rows on ${request.day}; nothing was changed. Pass --replace to regenerate that day.`,
      );
    }
    await engine.command(`ALTER TABLE ${quoteTable(table)} DELETE WHERE ${wholeDay} SETTINGS mutations_sync = 2`, {
      params,
      step: 'seed',
    });
  }
  await engine.command(
    insertSeedSql({
      table,
      maps,
      day: request.day,
      rows: request.rows,
      customers: request.customers,
      seed: request.seed,
      timeZone: settings.timeZone,
    }),
    { step: 'seed' },
  );
  const [after] = await engine.rows<{ rows: string }>(countSql, { params, step: 'seed' });
  return {
    table: formatTableRef(table),
    created,
    rows: Number(after?.rows ?? 0),
    seconds: (Date.now() - started) / 1000,
  };
}
