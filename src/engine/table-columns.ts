import { quoteString, quoteTable } from '../core/quote.js';
import type { TableRef } from '../config/settings.js';
import type { Engine } from './engine.js';

/** Reads a table's columns from system.columns, in table order; null when it does not exist. */
export async function tableColumns(engine: Engine, table: TableRef): Promise<{ name: string; type: string }[] | null> {
  const rows = await engine.rows<{ name: string; type: string }>(
    `SELECT name, type FROM system.columns WHERE database = ${quoteString(table.database)} AND table = ${quoteString(table.name)} ORDER BY position`,
  );
  return rows.length > 0 ? rows : null;
}

/** A table's row count. */
export async function tableRows(engine: Engine, table: TableRef): Promise<number> {
  const [row] = await engine.rows<{ n: string }>(`SELECT count() AS n FROM ${quoteTable(table)}`, { step: 'count' });
  return Number(row?.n ?? 0);
}
