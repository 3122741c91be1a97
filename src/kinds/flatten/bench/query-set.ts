import { quoteIdent, quoteString, quoteTable } from '../../../core/quote.js';
import { namedColumns } from '../compile/compile-plan.js';
import type { TableRef } from '../../../config/settings.js';
import type { Mapping, MappingEntry } from '../mapping/mapping.js';
import type { MetricKind } from '../schema/source-schema.js';

/** How a question's SQL addresses one table: the Map source, the flat target, or a view. */
export interface Dialect {
  name: 'source' | 'flat' | 'named view' | 'compatibility view';
  table: string;
  /** Expression for one key's value in one row. */
  metric: (kind: MetricKind, key: string) => string;
  /** True when rows are already one per (minute, group keys). */
  preaggregated: boolean;
}

export interface Question {
  id: string;
  title: string;
  sql: (d: Dialect) => string;
}

export interface QuerySetContext {
  mapping: Mapping;
  time: string;
  groupKeys: string[];
  countryColumn: string;
  customerColumn: string;
  window: { start: string; end: string };
}

/** Dialects for a loaded plan. The compatibility view speaks the source's SQL unchanged. */
export function dialects(
  mapping: Mapping,
  tables: { source: TableRef; target: TableRef; namedView: TableRef; compatView: TableRef },
  reserved: string[],
): Dialect[] {
  const entry = (kind: MetricKind, key: string) => mapping[kind].find((e) => e.key === key)!;
  const mapSum = (kind: MetricKind, key: string) =>
    `(${entry(kind, key)
      .maps.map((m) => `${quoteIdent(m)}[${quoteString(key)}]`)
      .join(' + ')})`;
  const aliases = new Map(namedColumns(mapping, reserved).map((c) => [c.column, c.alias]));
  return [
    { name: 'source', table: quoteTable(tables.source), metric: mapSum, preaggregated: false },
    {
      name: 'flat',
      table: quoteTable(tables.target),
      metric: (kind, key) => quoteIdent(entry(kind, key).column),
      preaggregated: true,
    },
    {
      name: 'named view',
      table: quoteTable(tables.namedView),
      metric: (kind, key) => quoteIdent(aliases.get(entry(kind, key).column)!),
      preaggregated: true,
    },
    { name: 'compatibility view', table: quoteTable(tables.compatView), metric: mapSum, preaggregated: false },
  ];
}

function busiest(entries: MappingEntry[], count: number, filter: (e: MappingEntry) => boolean = () => true): string[] {
  // A key found in several maps is left out: the compatibility view shows it in one map only.
  return entries
    .filter((e) => e.maps.length === 1 && e.rows > 0 && filter(e))
    .sort((a, b) => b.rows - a.rows || a.column.localeCompare(b.column))
    .slice(0, count)
    .map((e) => e.key);
}

/**
 * The analytical questions asked of both schemas. Every query orders its result fully,
 * so answers compare row by row.
 */
export function querySet(ctx: QuerySetContext): Question[] {
  const { mapping, time, groupKeys } = ctx;
  const t = quoteIdent(time);
  const groups = groupKeys.map(quoteIdent).join(', ');
  const client = quoteIdent(groupKeys[0]!);
  const session = quoteIdent(groupKeys.at(-1)!);
  const where = `${t} >= toDateTime64(${quoteString(ctx.window.start)}, 3, 'UTC') AND ${t} < toDateTime64(${quoteString(ctx.window.end)}, 3, 'UTC')`;
  const failure = busiest(mapping.int, 1, (e) => e.key.endsWith('_failures'))[0] ?? busiest(mapping.int, 1)[0]!;
  const successKey = failure.replace(/_failures$/, '_successes');
  const success = mapping.int.some((e) => e.key === successKey && e.maps.length === 1)
    ? successKey
    : (busiest(mapping.int, 2).find((k) => k !== failure) ?? failure);
  const top = busiest(mapping.int, 20);
  const funnel = busiest(mapping.int, 3);
  const floatKey = busiest(mapping.float, 1)[0];
  const customer = quoteIdent(ctx.customerColumn);
  const country = quoteIdent(ctx.countryColumn);
  const sumAll = (d: Dialect, keys: string[]) =>
    keys.map((k, i) => `sum(${d.metric('int', k)}) AS m${i + 1}`).join(', ');
  const questions: Question[] = [
    {
      id: 'q1',
      title: `${failure} by hour`,
      sql: (d) =>
        `SELECT toStartOfHour(${t}) AS hour, sum(${d.metric('int', failure)}) AS total FROM ${d.table} WHERE ${where} GROUP BY hour ORDER BY hour`,
    },
    {
      id: 'q2',
      title: `top 10 clients by ${failure}`,
      sql: (d) =>
        `SELECT ${client} AS client, sum(${d.metric('int', failure)}) AS total FROM ${d.table} WHERE ${where} GROUP BY client ORDER BY total DESC, client LIMIT 10`,
    },
    {
      id: 'q3',
      title: `failure ratio by country (${failure} / (+ ${success}))`,
      sql: (d) =>
        `SELECT ${country} AS country, sum(${d.metric('int', failure)}) / nullIf(sum(${d.metric('int', failure)}) + sum(${d.metric('int', success)}), 0) AS ratio FROM ${d.table} WHERE ${where} GROUP BY country ORDER BY country`,
    },
    {
      id: 'q4',
      title: `${top.length} metrics per minute for one customer`,
      sql: (d) =>
        `SELECT toStartOfMinute(${t}) AS minute, ${sumAll(d, top)} FROM ${d.table} WHERE ${where} AND ${customer} = 1 GROUP BY minute ORDER BY minute`,
    },
    {
      id: 'q5',
      title: `session-minutes with ${failure} > 3`,
      sql: (d) =>
        d.preaggregated
          ? `SELECT count() AS groups FROM ${d.table} WHERE ${where} AND ${d.metric('int', failure)} > 3`
          : `SELECT count() AS groups FROM (SELECT sum(${d.metric('int', failure)}) AS total FROM ${d.table} WHERE ${where} GROUP BY toStartOfMinute(${t}), ${groups} HAVING total > 3)`,
    },
    {
      id: 'q6',
      title: 'totals of every metric for the day',
      sql: (d) =>
        `SELECT ${[...mapping.int.map((e) => `sum(${d.metric('int', e.key)})`), ...mapping.float.map((e) => `round(sum(${d.metric('float', e.key)}), 3)`)].join(', ')} FROM ${d.table} WHERE ${where}`,
    },
    {
      id: 'q7',
      title: `per-session funnel ${funnel.join(' → ')}`,
      sql: (d) =>
        `SELECT countIf(s1 > 0) AS step1, countIf(s1 > 0 AND s2 > 0) AS step2, countIf(s1 > 0 AND s2 > 0 AND s3 > 0) AS step3 FROM (SELECT ${session}, sum(${d.metric('int', funnel[0]!)}) AS s1, sum(${d.metric('int', funnel[1] ?? funnel[0]!)}) AS s2, sum(${d.metric('int', funnel[2] ?? funnel[0]!)}) AS s3 FROM ${d.table} WHERE ${where} GROUP BY ${session})`,
    },
    {
      id: 'q8',
      title: `distinct sessions with ${failure} > 0`,
      sql: (d) =>
        `SELECT uniqExact(${session}) AS sessions FROM ${d.table} WHERE ${where} AND ${d.metric('int', failure)} > 0`,
    },
  ];
  if (floatKey) {
    questions.push({
      id: 'q9',
      title: `${floatKey} by country`,
      sql: (d) =>
        `SELECT ${country} AS country, round(sum(${d.metric('float', floatKey)}), 2) AS total FROM ${d.table} WHERE ${where} GROUP BY country ORDER BY country`,
    });
  }
  return questions;
}
