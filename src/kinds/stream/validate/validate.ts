import type { Engine } from '../../../engine/engine.js';
import { quoteIdent, quoteTable } from '../../../core/quote.js';
import { windowParams } from '../../../core/windows.js';
import { statementOf } from '../../../plan/plan-dir.js';
import { compareRows, sameNumber } from '../../../validate/compare.js';
import { reportOf, type Check, type DayReport, type ValidationReport } from '../../../validate/report.js';
import { aggregateStep } from '../plan/aggregate-sql.js';
import { chainTables } from '../plan/chain-tables.js';
import type { StreamPlan } from '../plan/plan.js';
import { encodingOf, logicalEncoding, scaleOf, schemaTyped } from '../plan/encodings.js';
import { base, digitsOf } from '../plan/spec.js';
import { dayUnits } from '../../../execute/staged-units.js';

type Counts = Record<string, string>;

/** landed = parsed + truncates + tombstones + dead-lettered: nothing unaccounted for. Pure. */
export function accountingCheck(row: Counts): Check[] {
  const parts: [string, number][] = [
    ['parsed', Number(row.parsed)],
    ['truncates', Number(row.truncates ?? 0)],
    ['tombstones (skipped)', Number(row.tombstones ?? 0)],
    ['dead-lettered', Number(row.dead_lettered)],
  ];
  const landed = Number(row.landed);
  const missing = landed - parts.reduce((n, [, v]) => n + v, 0);
  return [
    {
      name: 'messages: landed = parsed + truncates + tombstones + dead-lettered',
      status: missing === 0 ? 'pass' : 'fail',
      detail: `${landed} landed, ${parts
        .filter(([what, v]) => v > 0 || what === 'parsed')
        .map(([what, v]) => `${v} ${what}`)
        .join(', ')}${missing === 0 ? '' : `: ${missing} unaccounted for`}`,
    },
    {
      name: 'messages: unreadable by the Kafka table',
      status: Number(row.kafka_errors) === 0 ? 'pass' : 'warn',
      detail: Number(row.kafka_errors) === 0 ? 'none' : `${row.kafka_errors} in the dead-letter table (stage kafka)`,
    },
  ];
}

/** Updates, deletes and truncates that were dead-lettered: each leaves a row as it was. Pure. */
export function deadChangesCheck(
  rows: { op: string; source_table: string; messages: string; example: string }[],
): Check {
  const what = { u: 'update', d: 'delete', t: 'truncate' } as Record<string, string>;
  const total = rows.reduce((n, r) => n + Number(r.messages), 0);
  return {
    name: 'messages: updates, deletes and truncates applied',
    status: total === 0 ? 'pass' : 'fail',
    detail:
      total === 0
        ? 'none was dead-lettered'
        : `${rows.map((r) => `${r.messages} ${what[r.op] ?? r.op}${Number(r.messages) === 1 ? '' : 's'} of ${r.source_table}`).join(', ')} dead-lettered, so the processed tables still hold those rows as they were (first reason: ${rows[0]!.example})`,
  };
}

interface SchemaField {
  field: string;
  type: string;
  name?: string;
  parameters?: Record<string, string>;
  fields?: SchemaField[];
}

/**
 * Each schema the connector sent (one message of each) against the columns it feeds. The chain reads a Decimal,
 * DateTime64 or date field as each message's schema names it, so this finds what that reading cannot make exact:
 * a logical type the column cannot hold (its messages are dead-lettered: fail), one with more digits than the column
 * keeps (a value that uses them is dead-lettered: warn), and a field whose schema names no type where the spec reads
 * an encoding the plain value is not in (fail). Pure.
 */
export function schemaCheck(
  spec: StreamPlan['manifest']['spec'],
  samples: { sample: string; messages: string }[],
): Check {
  const failures = new Set<string>();
  const warnings = new Set<string>();
  let compared = 0;
  for (const sample of samples) {
    let message: { schema?: SchemaField; payload?: { source?: { table?: string } } };
    try {
      message = JSON.parse(sample.sample) as typeof message;
    } catch {
      continue;
    }
    const table = spec.tables.find((t) => t.source === message.payload?.source?.table);
    const after = message.schema?.fields?.find((f) => f.field === 'after')?.fields;
    if (!table || !after) continue;
    for (const column of table.columns.filter((c) => !c.json)) {
      const field = after.find((f) => f.field === column.path);
      if (!field) continue;
      compared++;
      const where = `${table.name}.${column.name}`;
      const read = encodingOf(column);
      if (field.name !== undefined && schemaTyped(column)) {
        const declared = logicalEncoding(field.name, column.type);
        if (declared === undefined) {
          failures.add(
            `${where}: the messages declare ${field.name}, which chplan does not read into ${column.type}: each is dead-lettered`,
          );
          continue;
        }
        const digits = digitsOf(declared, column.type);
        if (digits && digits.kept < digits.sent)
          warnings.add(
            `${where}: the messages declare ${field.name} (${digits.sent} digits after the second), more than ${column.type} keeps: a value that uses them is dead-lettered`,
          );
        const scale = field.parameters?.scale;
        if (declared === 'base64' && scale !== undefined && Number(scale) > scaleOf(column.type))
          warnings.add(
            `${where}: the messages' decimals have scale ${scale}, the column ${column.type}: a value with more decimals than the column keeps is dead-lettered`,
          );
      } else if (field.name === undefined && field.type === 'bytes' && base(column.type) === 'String') {
        if (read !== 'base64')
          failures.add(
            `${where}: the messages send bytes (a bytea: base64 in JSON), which the spec stores as their base64 text, and an unchanged TOASTed value as the placeholder's base64: read it with "encoding": "base64"`,
          );
      } else if (field.name === undefined && read !== '' && (read !== 'iso8601' || field.type !== 'string'))
        failures.add(`${where}: the messages send a plain ${field.type}, which the spec reads as ${read}`);
    }
  }
  const problems = [...failures, ...warnings];
  return {
    name: "messages: field types as the connector's schema declares them",
    status: failures.size > 0 ? 'fail' : warnings.size > 0 ? 'warn' : 'pass',
    detail:
      problems.length === 0
        ? `${samples.length} schema${samples.length === 1 ? '' : 's'}, ${compared} field${compared === 1 ? '' : 's'} read exactly`
        : problems.join('; '),
  };
}

/** A processed table against the latest version per key in the parsed log. Pure. */
export function stateChecks(table: string, row: Counts): Check[] {
  const ok = row.processed === row.latest;
  return [
    {
      name: `${table}: rows = latest version per key`,
      status: ok ? 'pass' : 'fail',
      detail: `${row.processed} rows, ${row.latest} keys whose latest message is not a delete`,
    },
    {
      name: `${table}: no placeholder stored`,
      status: Number(row.placeholders ?? 0) === 0 ? 'pass' : 'fail',
      detail:
        Number(row.placeholders ?? 0) === 0
          ? 'no row holds __debezium_unavailable_value'
          : `${row.placeholders} rows hold __debezium_unavailable_value (an unchanged TOASTed value) in place of their value`,
    },
    {
      name: `${table}: deletes of keys never seen`,
      status: Number(row.deletes_of_unseen_keys) === 0 ? 'pass' : 'warn',
      detail:
        Number(row.deletes_of_unseen_keys) === 0
          ? 'none'
          : `${row.deletes_of_unseen_keys} keys were only ever deleted (a create may be lost upstream, or still to come); they hold no row`,
    },
  ];
}

/** The chain's own checks: message accounting, dead-lettered changes, schemas, each processed table. */
async function chainChecks(engine: Engine, plan: StreamPlan): Promise<Check[]> {
  const m = plan.manifest;
  const [accounting] = await engine.rows<Counts>(statementOf(plan, 'validate_accounting'), { step: 'validate' });
  const chain: Check[] = accountingCheck(accounting!);
  if (plan.sql.validate_dead_changes !== undefined)
    chain.push(deadChangesCheck(await engine.rows(plan.sql.validate_dead_changes, { step: 'validate' })));
  if (plan.sql.validate_schemas !== undefined)
    chain.push(schemaCheck(m.spec, await engine.rows(plan.sql.validate_schemas, { step: 'validate' })));
  for (const table of m.spec.tables) {
    const [row] = await engine.rows<Counts>(statementOf(plan, `table.${table.name}.validate`), { step: 'validate' });
    chain.push(...stateChecks(table.name, row!));
  }
  return chain;
}

/**
 * Validates the chain: message accounting, each processed table against the parsed log, and
 * for each day, each aggregate against a recomputation from the latest state, and each rollup
 * against the sum of what it rolls up. On a cluster, `part` splits it: each shard's chain, and the
 * aggregates where they live.
 */
export async function validateStream(
  engine: Engine,
  plan: StreamPlan,
  days: string[],
  part: { chain?: boolean; aggregates?: boolean } = {},
): Promise<ValidationReport> {
  const m = plan.manifest;
  const t = chainTables(m.spec);
  const reports: DayReport[] = [];
  if (part.chain ?? true) reports.push({ day: 'chain', checks: await chainChecks(engine, plan) });
  for (const aggregate of (part.aggregates ?? true) ? m.spec.aggregates : []) {
    const published: Record<string, unknown>[] = [];
    const recomputed: Record<string, unknown>[] = [];
    const rollups: Check[] = [];
    const notRebuilt: string[] = [];
    for (const unit of dayUnits(days, 'UTC', 'day')) {
      const params = windowParams(unit.whole);
      const read = async (step: 'read_day' | 'recompute_day') =>
        engine.rows<Record<string, unknown>>(statementOf(plan, aggregateStep(aggregate.name, step)), {
          params,
          step: 'validate',
        });
      const [mine, theirs] = [await read('read_day'), await read('recompute_day')];
      if (mine.length === 0 && theirs.length > 0) notRebuilt.push(unit.day);
      published.push(...mine);
      recomputed.push(...theirs);
      if (aggregate.rollupOf)
        rollups.push({
          ...(await rollupCheck(engine, aggregate.name, aggregate.rollupOf, t.table, params)),
          name: unit.day,
        });
    }
    const checks = [
      rebuiltCheck(plan, aggregate.name, days, notRebuilt),
      ...compareRows(aggregate.name, aggregate.key, published, recomputed, {
        left: 'the aggregate',
        right: 'the recomputation',
      }),
    ];
    if (aggregate.rollupOf) {
      const failed = rollups.filter((r) => r.status === 'fail');
      checks.push({
        name: `${aggregate.name} = sum of ${aggregate.rollupOf}`,
        status: failed.length === 0 ? 'pass' : 'fail',
        detail:
          failed.length === 0
            ? `${rollups[0]?.detail ?? 'no shared measures'}, on each of ${rollups.length} days`
            : `differs on ${failed.length} of ${rollups.length} days (first ${failed[0]!.name}: ${failed[0]!.detail})`,
        problems: failed.map((f) => ({ day: f.name, detail: f.detail })),
      });
    }
    reports.push({ day: `${aggregate.name} (${daysShown(days)})`, checks });
  }
  return reportOf(plan, `${m.spec.database} chain (${m.spec.tables.map((x) => x.name).join(', ')})`, reports);
}

/** Whether every day whose latest state yields rows has been rebuilt: an aggregate with none for it never was. Pure. */
function rebuiltCheck(plan: StreamPlan, name: string, days: string[], notRebuilt: string[]): Check {
  return {
    name: `${name}: every day with changes rebuilt`,
    status: notRebuilt.length === 0 ? 'pass' : 'fail',
    detail:
      notRebuilt.length === 0
        ? `${days.length} day${days.length === 1 ? '' : 's'}`
        : `${notRebuilt.length} of ${days.length} days hold changes but no row of ${name} (first ${notRebuilt[0]}): rebuild them with chplan run ${plan.dir} --day ${notRebuilt[0]} --to ${notRebuilt.at(-1)}`,
    problems: notRebuilt.slice(0, 20).map((day) => ({ day })),
  };
}

/** The days a report covers, as its unit names them. Pure. */
function daysShown(days: string[]): string {
  return days.length === 0 ? 'no day' : days.length === 1 ? days[0]! : `${days[0]} … ${days.at(-1)}`;
}

/** Each measure a rollup shares with what it rolls up has the same total over the day. */
async function rollupCheck(
  engine: Engine,
  name: string,
  of: string,
  table: (n: string) => { database: string; name: string },
  params: Record<string, string>,
): Promise<Check> {
  const columns = async (n: string) =>
    engine.rows<{ name: string; type: string; is_in_sorting_key: number }>(
      'SELECT name, type, is_in_sorting_key FROM system.columns WHERE database = {db:String} AND table = {t:String} ORDER BY position',
      { params: { db: table(n).database, t: table(n).name } },
    );
  const mine = await columns(name);
  const theirs = await columns(of);
  const numeric = /^(U?Int|Float|Decimal)/;
  const shared = mine.filter(
    (c) =>
      !c.is_in_sorting_key && numeric.test(c.type) && theirs.some((o) => o.name === c.name && !o.is_in_sorting_key),
  );
  const timeOf = (cols: typeof mine) => cols.find((c) => c.is_in_sorting_key && /^(Date|DateTime)/.test(c.type))!.name;
  const totals = async (n: string, cols: typeof mine) =>
    (
      await engine.rows<Record<string, unknown>>(
        `SELECT ${shared.map((c) => `sum(${quoteIdent(c.name)}) AS ${quoteIdent(c.name)}`).join(', ')} FROM ${quoteTable(table(n))} WHERE ${quoteIdent(timeOf(cols))} >= {chunk_start:DateTime64(3, 'UTC')} AND ${quoteIdent(timeOf(cols))} < {chunk_end:DateTime64(3, 'UTC')}`,
        { params },
      )
    )[0] ?? {};
  const a = await totals(name, mine);
  const b = await totals(of, theirs);
  const differing = shared.filter((c) => !sameNumber(a[c.name], b[c.name], /^Float/.test(c.type)));
  return {
    name: `${name} = sum of ${of}`,
    status: differing.length === 0 ? 'pass' : 'fail',
    detail:
      differing.length === 0
        ? `${shared.map((c) => c.name).join(', ')} equal`
        : differing.map((c) => `${c.name}: ${String(a[c.name])} against ${String(b[c.name])}`).join('; '),
  };
}
