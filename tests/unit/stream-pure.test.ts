import { describe, expect, it } from 'vitest';
import { encodingProblem, streamSpecOf, type StreamSpec } from '../../src/kinds/stream/plan/spec.js';
import { aggregateStages } from '../../src/kinds/stream/run/run.js';
import { tableReferences } from '../../src/core/table-references.js';
import { convertExpr } from '../../src/kinds/stream/plan/encodings.js';
import { renderStream } from '../../src/kinds/stream/plan/compile.js';
import { resolveSelect } from '../../src/kinds/stream/plan/chain-tables.js';
import { accountingCheck, schemaCheck, stateChecks } from '../../src/kinds/stream/validate/validate.js';

const table = {
  name: 'events_processed',
  source: 'events',
  key: ['id'],
  time: 'at',
  columns: [
    { name: 'id', path: 'id', type: 'UInt64' },
    { name: 'at', path: 'at', type: "DateTime64(6, 'UTC')" },
  ],
};
const spec = (extra: Record<string, unknown> = {}) => ({ kind: 'stream', name: 'x', tables: [table], ...extra });

describe('stream spec', () => {
  it('fills defaults', () => {
    const s = streamSpecOf(spec());
    expect(s).toMatchObject({
      database: 'x',
      ledger: { database: 'x', name: 'chplan_ledger' },
      kafka: null,
      envelope: { wrapper: 'payload', version: 'lsn' },
    });
  });

  it("a Kafka table hands over at most kafka.maxBlockSize messages a flush (65,536 unless told), within Kafka's bounds", () => {
    const kafka = { brokers: 'k:9092', topics: ['pg.public.events'], group: 'g' };
    const blockSize = (extra: Record<string, unknown>) =>
      renderStream(streamSpecOf(spec({ kafka: { ...kafka, ...extra } })))
        .find((s) => s.step === 'kafka.create')!
        .sql.match(/kafka_max_block_size = (\d+),/)?.[1];
    expect(blockSize({})).toBe('65536');
    expect(blockSize({ maxBlockSize: 4096 })).toBe('4096');
    for (const maxBlockSize of [0, 1_048_577, 2.5, '4096'])
      expect(() => streamSpecOf(spec({ kafka: { ...kafka, maxBlockSize } }))).toThrow(/maxBlockSize/);
  });

  it('takes arrays only of elements read exactly from their text, Nullable or not', () => {
    const withArray = (type: string) => () =>
      streamSpecOf(spec({ tables: [{ ...table, columns: [...table.columns, { name: 'a', path: 'a', type }] }] }));
    for (const element of ['Int32', 'UInt64', 'Float32', 'Float64', 'Bool', 'String', 'UUID'])
      for (const type of [`Array(${element})`, `Array(Nullable(${element}))`])
        expect(withArray(type), type).not.toThrow();
    // The engine's own reading of these inside an array is lenient ("12" as January 12th, 1.2345 as 1.23).
    for (const element of ['Date32', "DateTime64(6, 'UTC')", 'Decimal(10, 2)', 'Time64(6)', 'Nullable(Date32)'])
      expect(withArray(`Array(${element})`), element).toThrow(/columns\/2\/type must match pattern/);
  });

  it('says what is wrong, all at once', () => {
    expect(() =>
      streamSpecOf(spec({ tables: [{ ...table, columns: [{ name: 'id', path: 'id', type: 'Varchar' }] }] })),
    ).toThrow(/type/);
    const error = (() => {
      try {
        streamSpecOf(
          spec({
            tables: [
              {
                ...table,
                key: ['nope'],
                time: 'id',
                columns: [...table.columns, { name: '_x', path: 'x', type: 'String' }],
              },
            ],
            aggregates: [
              { name: 'a', time: 't', key: ['k'], select: 'SELECT 1 FROM {{missing:window}}', rollupOf: 'b' },
            ],
            views: [
              { name: 'events_processed', select: 'SELECT 1 FROM {{a:window}}' },
              { name: 'events_processed_live', select: 'SELECT 1' },
            ],
          }),
        );
      } catch (e) {
        return String(e);
      }
      return '';
    })();
    expect(error).toMatch(/events_processed is named twice/);
    // The plan's own view over the table's latest state takes that name.
    expect(error).toMatch(/events_processed_live is named twice/);
    expect(error).toMatch(/key column nope is not among its columns/);
    expect(error).toMatch(/time column id is UInt64, not a date or DateTime64/);
    expect(error).toMatch(/column _x starts with _/);
    expect(error).toMatch(/aggregate a refers to \{\{missing\}\}/);
    expect(error).toMatch(/its time column t must be part of its key/);
    expect(error).toMatch(/a rollup of b, which is not an aggregate defined before it/);
    expect(error).toMatch(/view events_processed refers to \{\{a:window\}\}/);
  });

  it('finds references and resolves them to the latest state, windowed or not', () => {
    expect(tableReferences('FROM {{a}} JOIN {{ b:window }}')).toEqual([
      { name: 'a', window: false },
      { name: 'b', window: true },
    ]);
    const s = streamSpecOf(spec());
    expect(resolveSelect(s, 'SELECT * FROM {{events_processed:window}}', { windowed: true })).toBe(
      "SELECT * FROM (SELECT * FROM `x`.`events_processed` FINAL WHERE `_deleted` = 0 AND `_version` > (SELECT max(version) FROM `x`.`x_truncations` WHERE source_table = 'events') AND `at` >= {chunk_start:DateTime64(3, 'UTC')} AND `at` < {chunk_end:DateTime64(3, 'UTC')})",
    );
    expect(resolveSelect(s, 'SELECT * FROM {{events_processed:window}}', { windowed: false })).toBe(
      "SELECT * FROM (SELECT * FROM `x`.`events_processed` FINAL WHERE `_deleted` = 0 AND `_version` > (SELECT max(version) FROM `x`.`x_truncations` WHERE source_table = 'events'))",
    );
  });
});

describe("the connector's schemas against the spec", () => {
  it("passes where every declared type is read exactly; fails where a plain field is not in the spec's encoding", () => {
    const s = streamSpecOf(
      spec({
        tables: [
          {
            ...table,
            columns: [
              ...table.columns.map((c) => (c.name === 'at' ? { ...c, encoding: 'epoch_micros' } : c)),
              { name: 'price', path: 'price', type: 'Decimal(9, 2)', encoding: 'base64' },
            ],
          },
        ],
      }),
    );
    const after = {
      field: 'after',
      type: 'struct',
      fields: [
        { field: 'id', type: 'int64' },
        { field: 'at', type: 'int64', name: 'io.debezium.time.MicroTimestamp' },
        { field: 'price', type: 'bytes', name: 'org.apache.kafka.connect.data.Decimal', parameters: { scale: '2' } },
      ],
    };
    const line = JSON.stringify({ schema: { fields: [after] }, payload: { source: { table: 'events' } } });
    expect(schemaCheck(s, [{ sample: line, messages: '5' }])).toMatchObject({
      status: 'pass',
      detail: '1 schema, 3 fields read exactly',
    });
    // A field whose schema names no logical type is read in the spec's encoding, which a plain string is not in.
    const plain = { ...after, fields: [after.fields[0], after.fields[1], { field: 'price', type: 'string' }] };
    const sample = JSON.stringify({ schema: { fields: [plain] }, payload: { source: { table: 'events' } } });
    expect(schemaCheck(s, [{ sample, messages: '1' }])).toMatchObject({
      status: 'fail',
      detail: 'events_processed.price: the messages send a plain string, which the spec reads as base64',
    });
  });
});

describe('tables without a time column', () => {
  it('compile as dimensions; reading one by the day is refused', () => {
    const timeless = { ...table, time: undefined };
    expect(streamSpecOf(spec({ tables: [timeless] })).tables[0]!.time).toBeUndefined();
    expect(() =>
      streamSpecOf(
        spec({
          tables: [timeless],
          aggregates: [
            { name: 'a', time: 'd', key: ['d'], select: 'SELECT toDate(now()) AS d FROM {{events_processed:window}}' },
          ],
        }),
      ),
    ).toThrow(/aggregate a reads \{\{events_processed:window\}\}, but events_processed has no time column/);
  });
});

describe('parsing each type strictly', () => {
  it('converts every number from its text so 3.5 or true is refused, not truncated', () => {
    expect(convertExpr({ name: 'n', path: 'n', type: 'UInt32' }, 'f')).toBe('toUInt32OrNull(f)');
    expect(convertExpr({ name: 'x', path: 'x', type: 'Float64' }, 'f')).toMatch(/toFloat64OrNull\(f\)/);
    expect(convertExpr({ name: 't', path: 't', type: "DateTime64(3, 'UTC')", encoding: 'epoch_millis' }, 'f')).toMatch(
      /fromUnixTimestamp64Milli\((\w+), 'UTC'\).*\[toInt64OrNull\(f\)\]/,
    );
  });

  it('refuses at compile an encoding that would lose digits or does not apply to the type', () => {
    const problems = [
      { name: 'a', path: 'a', type: "DateTime64(3, 'UTC')", encoding: 'epoch_micros' as const },
      { name: 'b', path: 'b', type: "DateTime64(6, 'UTC')", encoding: 'epoch_nanos' as const },
      { name: 'c', path: 'c', type: 'String', encoding: 'variable_scale' as const },
      { name: 'd', path: 'd', type: 'Date', encoding: 'epoch_micros' as const },
      { name: 'f', path: 'f', type: 'Int64', encoding: 'base64' as const },
    ].map(encodingProblem);
    expect(problems).toEqual([
      expect.stringMatching(/epoch_micros carries 6 digits after the second, which DateTime64\(3\) would drop/),
      expect.stringMatching(/epoch_nanos carries 9 digits/),
      expect.stringMatching(/applies to a Decimal/),
      expect.stringMatching(/applies to a DateTime64/),
      expect.stringMatching(/base64 \(Debezium's bytes: a bytea, a precise decimal\) applies to a String or a Decimal/),
    ]);
    expect(encodingProblem({ name: 'e', path: 'e', type: "DateTime64(9, 'UTC')", encoding: 'epoch_nanos' })).toBe(null);
    expect(encodingProblem({ name: 'g', path: 'g', type: 'LowCardinality(String)', encoding: 'base64' })).toBe(null);
  });
});

describe('stream validation arithmetic', () => {
  it('accounts for every message', () => {
    expect(accountingCheck({ landed: '10', parsed: '7', dead_lettered: '3', kafka_errors: '0' })[0]!.status).toBe(
      'pass',
    );
    expect(
      accountingCheck({ landed: '10', parsed: '7', dead_lettered: '2', kafka_errors: '1' }).map((c) => c.status),
    ).toEqual(['fail', 'warn']);
    expect(stateChecks('t', { processed: '5', latest: '6', deletes_of_unseen_keys: '0' })[0]!.status).toBe('fail');
  });
});

describe('rebuild stages', () => {
  it('an aggregate runs after the aggregates it reads, and beside those it does not', () => {
    const aggregate = (name: string, select: string) => ({ name, select });
    const stages = aggregateStages({
      aggregates: [
        aggregate('hourly', 'SELECT 1 FROM {{events_processed:window}}'),
        aggregate('daily', 'SELECT 1 FROM {{hourly:window}}'),
        aggregate('users', 'SELECT 1 FROM {{events_processed:window}} JOIN {{assignments_processed}} USING (id)'),
        aggregate('weekly', 'SELECT 1 FROM {{daily}} JOIN {{users}} USING (day)'),
      ] as StreamSpec['aggregates'],
    });
    expect(Object.fromEntries(stages)).toEqual({ hourly: 0, daily: 1, users: 0, weekly: 2 });
  });
});
