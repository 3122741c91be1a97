import { describe, expect, it } from 'vitest';
import { syncSpecOf } from '../../src/kinds/sync/plan/spec.js';
import { fillTableReferences } from '../../src/core/table-references.js';
import { parsePgUrl, pgFromEnv, redact } from '../../src/engine/postgres.js';
import { columnProblem, tableProblems } from '../../src/kinds/sync/plan/introspect.js';
import { compareTotals } from '../../src/kinds/sync/validate/evaluate.js';
import { canonicalNumber, compareRows, sameNumber } from '../../src/validate/compare.js';
import { loadWindow, watermarks } from '../../src/kinds/sync/run/load-window.js';
import { columnCheck } from '../../src/kinds/sync/plan/column-checks.js';
import type { LedgerRow } from '../../src/execute/ledger.js';

const table = { source: 't', role: 'fact', primaryKey: ['id'], cursor: 'inserted_at' };

describe('sync spec', () => {
  it('fills defaults and names targets by role', () => {
    const spec = syncSpecOf({
      kind: 'sync',
      name: 's',
      tables: [table, { source: 'd', role: 'dimension', primaryKey: ['id'], cursor: 'updated_at' }],
    });
    expect(spec.tables.map((t) => t.target)).toEqual(['fact_t', 'dim_d']);
    expect(spec).toMatchObject({
      database: 'analytics',
      ledger: { database: 'analytics', name: 'chplan_ledger' },
      source: { schema: 'public', collection: 'chplan_pg_s' },
      lookbackSeconds: 300,
    });
    expect(spec.tables[0]).toMatchObject({ partitionBy: 'inserted_at', orderBy: ['id'] });
  });

  it('says which field is wrong', () => {
    expect(() => syncSpecOf({ kind: 'sync', name: 's', tables: [] })).toThrow(/tables[\s\S]*fewer than 1/);
    expect(() => syncSpecOf({ kind: 'sync', name: 'bad name', tables: [table] })).toThrow(/name/);
    expect(() => syncSpecOf({ kind: 'sync', name: 's', tables: [{ ...table, role: 'lookup' }] })).toThrow(/role/);
    expect(() => syncSpecOf({ kind: 'sync', name: 's', tables: [table, table] })).toThrow(
      /source table t is named twice/,
    );
    expect(() =>
      syncSpecOf({
        kind: 'sync',
        name: 's',
        tables: [{ source: 'd', role: 'dimension', primaryKey: ['id'], cursor: 'u', orderBy: ['x'] }],
      }),
    ).toThrow(/is a dimension[\s\S]*do not apply/);
    expect(() =>
      syncSpecOf({
        kind: 'sync',
        name: 's',
        tables: [table],
        kpis: [{ name: 'k', key: ['a'], clickhouse: 'SELECT 1 FROM {{nope}}', postgres: 'SELECT 1' }],
      }),
    ).toThrow(/KPI k refers to \{\{nope\}\}/);
    expect(() =>
      syncSpecOf({
        kind: 'sync',
        name: 's',
        tables: [table],
        kpis: [{ name: 'k', key: ['a'], clickhouse: 'SELECT 1 FROM {{t:window}}', postgres: 'SELECT 1' }],
      }),
    ).toThrow(/KPI k refers to \{\{t:window\}\}: a KPI covers whole tables/);
  });

  it('refuses KPI SQL that is not one SELECT, on either side', () => {
    const kpi = (clickhouse: string, postgres: string) => () =>
      syncSpecOf({ kind: 'sync', name: 's', tables: [table], kpis: [{ name: 'k', key: ['a'], clickhouse, postgres }] });
    expect(kpi('SELECT 1 AS a; DROP DATABASE analytics', 'SELECT 1 AS a')).toThrow(
      /KPI k: its clickhouse SQL: it holds more than one statement/,
    );
    expect(kpi('SELECT 1 AS a', 'SELECT 1 AS a; DROP TABLE t')).toThrow(
      /KPI k: its postgres SQL: it holds more than one statement/,
    );
    expect(kpi('SELECT sum(a AS a FROM {{t}}', 'SELECT 1 AS a')).toThrow(/its clickhouse SQL: a \( is left open/);
  });

  it('replaces table placeholders and nothing else', () => {
    expect(fillTableReferences("SELECT '{x}', {p:UInt8} FROM {{ t }} JOIN {{u}}", (n) => `<${n}>`)).toBe(
      "SELECT '{x}', {p:UInt8} FROM <t> JOIN <u>",
    );
  });
});

describe('PostgreSQL connection', () => {
  it('reads PG_URL, else libpq variables, never echoing a password in errors', () => {
    expect(parsePgUrl('postgres://ann:p%40ss@db.example:6543/ads')).toEqual({
      host: 'db.example',
      port: 6543,
      user: 'ann',
      password: 'p@ss',
      database: 'ads',
    });
    expect(pgFromEnv({ PGHOST: 'h', PGUSER: 'u', PGPASSWORD: 'x' })).toEqual({
      host: 'h',
      port: 5432,
      user: 'u',
      password: 'x',
      database: 'u',
    });
    expect(pgFromEnv({})).toBeNull();
    for (const bad of ['mysql://u:secretpw@h/db', 'not a url secretpw', 'postgres://u:secretpw@h:99999/db']) {
      const error = (() => {
        try {
          parsePgUrl(bad);
        } catch (e) {
          return String(e);
        }
        return '';
      })();
      expect(error).toMatch(/PG_URL|port/);
      expect(error).not.toContain('secretpw');
    }
  });

  it('redacts every form of the password', () => {
    const pg = { host: 'h', port: 1, user: 'u', password: "it's\\me", database: 'd' };
    expect(redact("password = 'it\\'s\\\\me' and it's\\me", pg)).toBe("password = '***' and ***");
  });
});

describe('what can be synced', () => {
  const col = (
    column_name: string,
    data_type: string,
    is_nullable = 'NO',
    numeric_precision: number | null = null,
  ) => ({ column_name, data_type, is_nullable, numeric_precision });
  it('accepts plain types and refuses lossy ones with what to do', () => {
    expect(columnProblem('t', col('a', 'numeric', 'NO', 12))).toBeNull();
    expect(columnProblem('t', col('a', 'timestamp with time zone'))).toBeNull();
    expect(columnProblem('t', col('a', 'numeric'))).toMatch(/without a precision[\s\S]*numeric\(p, s\)/);
    expect(columnProblem('t', col('a', 'money'))).toMatch(/t.a has PostgreSQL type money[\s\S]*view that casts it/);
  });
  it('checks key, cursor, partition and order columns', () => {
    const problems = tableProblems(
      { ...table, role: 'fact', target: 'f', partitionBy: 'day', orderBy: ['k'] } as never,
      [col('id', 'bigint', 'YES'), col('inserted_at', 'text'), col('day', 'boolean'), col('_deleted', 'integer')],
    );
    expect(problems.join('\n')).toMatch(/t.id \(primary key\) is nullable/);
    expect(problems.join('\n')).toMatch(/inserted_at \(cursor\) is text; a cursor must be a timestamp/);
    expect(problems.join('\n')).toMatch(/day \(partitionBy\) is boolean/);
    expect(problems.join('\n')).toMatch(/t has no column k \(named as orderBy\)/);
    // ClickHouse sends "dq\"x" and "bs\\x" to PostgreSQL, which reads neither (seen: a syntax error and an unknown
    // column).
    const names = tableProblems({ ...table, role: 'dimension' } as never, [
      col('id', 'bigint'),
      col('inserted_at', 'timestamp with time zone'),
      col('dq"x', 'text'),
      col('bs\\x', 'text'),
      col('sp ace', 'text'),
    ]);
    expect(names).toEqual([
      expect.stringMatching(/^t\."dq\\"x" has a double quote or backslash/),
      expect.stringMatching(/^t\."bs\\\\x" has a double quote/),
    ]);
    expect(problems.join('\n')).toMatch(/_deleted, which chplan reserves/);
  });
});

describe('windows and watermarks', () => {
  const row = (chunk_key: string, window_end: string, status = 'done', step = 'publish') =>
    ({ chunk_key, window_end, status, step }) as LedgerRow;
  it('the watermark is the latest finished publish per table', () => {
    const marks = watermarks([
      row('a', '2026-01-01 00:00:00.000'),
      row('a', '2026-01-02 00:00:00.000'),
      row('a', '2026-01-03 00:00:00.000', 'failed'),
      row('b', '2026-01-05 00:00:00.000', 'done', 'chunk'),
    ]);
    expect([...marks]).toEqual([['a', '2026-01-02 00:00:00.000']]);
  });
  it('a table is a unit whose publish keeps its watermark to the microsecond; a ledger row from before units still counts', () => {
    const legacy = { ...row('a', '2026-01-01 00:00:00.000'), unit: '2026-01-01', cursor: '' };
    const unit = (table: string, cursor: string) => ({ ...row('', '2026-01-02 00:00:00.000'), unit: table, cursor });
    expect([...watermarks([legacy])]).toEqual([['a', '2026-01-01 00:00:00.000']]);
    expect([
      ...watermarks([legacy, unit('a', '2026-01-02 00:00:00.123456'), unit('b', '2026-01-03 00:00:00.000001')]),
    ]).toEqual([
      ['a', '2026-01-02 00:00:00.123456'],
      ['b', '2026-01-03 00:00:00.000001'],
    ]);
  });
  it('re-reads the lookback, starts from scratch when asked, never moves the bound below the watermark', () => {
    const opts = { lookbackSeconds: 300, fromScratch: false };
    expect(
      loadWindow(
        't',
        { hi: '2026-01-02 00:10:00.123456', openSince: '', snapshot: '' },
        '2026-01-02 00:00:00.000',
        opts,
      ),
    ).toMatchObject({ lo: '2026-01-01 23:55:00.000000', hi: '2026-01-02 00:10:00.123456', behind: false });
    expect(
      loadWindow('t', { hi: '2026-01-02 00:10:00.123456', openSince: '', snapshot: '' }, '2026-01-02 00:00:00.000', {
        ...opts,
        fromScratch: true,
      }).lo,
    ).toBe('1900-01-01 00:00:00.000000');
    expect(
      loadWindow(
        't',
        { hi: '2026-01-01 00:00:00.000000', openSince: '', snapshot: '' },
        '2026-01-02 00:00:00.000',
        opts,
      ),
    ).toMatchObject({ hi: '2026-01-02 00:00:00.000000', behind: true });
    expect(loadWindow('t', { hi: '', openSince: '', snapshot: '' }, undefined, opts)).toMatchObject({
      lo: '1900-01-01 00:00:00.000000',
      hi: '',
    });
  });
  it('records as watermark the start of a transaction still open, when it is earlier than the greatest cursor', () => {
    const opts = { lookbackSeconds: 0, fromScratch: false };
    expect(
      loadWindow(
        't',
        { hi: '2026-01-02 00:10:00.123456', openSince: '2026-01-02 00:04:00.500000', snapshot: '' },
        '2026-01-02 00:00:00.000',
        opts,
      ),
    ).toMatchObject({ hi: '2026-01-02 00:10:00.123456', mark: '2026-01-02 00:04:00.499000' });
    expect(
      loadWindow(
        't',
        { hi: '2026-01-02 00:10:00.123456', openSince: '2026-01-02 00:20:00.000000', snapshot: '' },
        '2026-01-02 00:00:00.000',
        opts,
      ).mark,
    ).toBe('2026-01-02 00:10:00.123456');
    expect(
      loadWindow('t', { hi: '', openSince: '2026-01-02 00:04:00.500000', snapshot: '' }, undefined, opts).mark,
    ).toBe('');
  });
});

describe('validation arithmetic', () => {
  it('compares decimals exactly and floats within 1e-9', () => {
    expect(canonicalNumber('0012.3400')).toBe('12.34');
    expect(canonicalNumber('-0.000')).toBe('0');
    expect(canonicalNumber(null)).toBe('0');
    expect(sameNumber('5.10', '5.1', false)).toBe(true);
    expect(sameNumber('5.100001', '5.1', false)).toBe(false);
    expect(sameNumber(0.1 + 0.2, 0.3, true)).toBe(true);
    expect(sameNumber(1.0000001, 1, true)).toBe(false);
    // ClickHouse and PostgreSQL spell the special floats differently; each equals only itself.
    expect(sameNumber('nan', 'NaN', true)).toBe(true);
    expect(sameNumber('inf', 'Infinity', true)).toBe(true);
    expect(sameNumber('-inf', '-Infinity', true)).toBe(true);
    expect(sameNumber('nan', '0', true)).toBe(false);
    expect(sameNumber('inf', '-Infinity', true)).toBe(false);
    expect(sameNumber('5e-324', '4.9406564584124654e-324', true)).toBe(true);
  });

  it('names the months and columns that differ', () => {
    const checks = columnCheck({ name: 'cost', type: 'Decimal(12, 6)', pgType: 'numeric', nullable: true }, 0);
    expect(checks.map((c) => c.label)).toEqual(['sum(cost)', 'non-NULL cost']);
    const result = compareTotals(
      't',
      [
        { m: '202601', n: '3', c0: '1.5', c0n: '3' },
        { m: '202602', n: '1', c0: '2', c0n: '1' },
      ],
      [
        { m: '202601', n: '3', c0: '1.500000', c0n: '3' },
        { m: '202602', n: '2', c0: '2', c0n: '2' },
      ],
      checks,
    );
    expect(result.map((c) => [c.name, c.status])).toEqual([
      ['t: rows per month', 'fail'],
      ['t: sum(cost)', 'pass'],
      ['t: non-NULL cost', 'fail'],
    ]);
    expect(result[0]!.detail).toMatch(/differs in 1 of 2 months \(first 202602: ClickHouse 1, PostgreSQL 2\)/);
  });

  it('pairs KPI rows by key and reports missing rows, missing columns and differing values', () => {
    const ch = [
      { k: '1', v: 0.5, name: 'a' },
      { k: '2', v: 1, name: 'b' },
      { k: '3', v: 1, name: 'c' },
    ];
    const pg = [
      { k: '1', v: '0.5000000000001', name: 'a' },
      { k: '2', v: 2, name: 'b' },
      { k: '4', v: 1, name: 'd' },
    ];
    const [rows, values] = compareRows('kpi', ['k'], ch, pg);
    expect(rows!.status).toBe('fail');
    expect(rows!.problems).toEqual([
      { onlyIn: 'ClickHouse', key: ['3'] },
      { onlyIn: 'PostgreSQL', key: ['4'] },
    ]);
    expect(values!.problems).toEqual([{ key: ['2'], column: 'v', ClickHouse: 1, PostgreSQL: 2 }]);
    expect(compareRows('kpi', ['k'], [{ k: 1, x: 1 }], [{ k: 1, y: 1 }])[0]!.detail).toMatch(
      /columns on one side only: x, y/,
    );
  });
});

describe('sync status', () => {
  it("shows each table's watermark, last publish and a failure after it", async () => {
    const { summarizeTables } = await import('../../src/kinds/sync/run/status.js');
    const row = (
      chunk_key: string,
      step: string,
      status: string,
      window_end: string,
      finished_at: string,
      error = '',
    ) =>
      ({
        chunk_key,
        step,
        status,
        window_end,
        finished_at,
        error,
        rows_written: '3',
        plan_hash: 'p',
      }) as unknown as LedgerRow;
    const tables = summarizeTables(
      ['a', 'b'],
      [
        row('a', 'publish', 'done', '2026-01-01 00:00:00.000', '2026-01-01 00:00:01.000'),
        row('a', 'chunk', 'failed', '2026-01-02 00:00:00.000', '2026-01-02 00:00:01.000', 'PostgreSQL unreachable'),
        row('b', 'chunk', 'failed', '2026-01-02 00:00:00.000', '2026-01-01 00:00:00.500', 'old'),
      ],
    );
    expect(tables[0]).toEqual({
      table: 'a',
      watermark: '2026-01-01 00:00:00.000',
      lastPublish: { at: '2026-01-01 00:00:01.000', rows: 3, plan: 'p' },
      lastFailure: { at: '2026-01-02 00:00:01.000', error: 'PostgreSQL unreachable' },
    });
    expect(tables[1]).toMatchObject({ table: 'b', watermark: null, lastPublish: null, lastFailure: { error: 'old' } });
  });
});
