import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { fragmentProblem } from '../../src/core/sql-fragment.js';
import { quoteIdent, quoteString } from '../../src/core/quote.js';
import { pgIdent, pgString } from '../../src/engine/postgres.js';
import { parseErrorSummary } from '../../src/render/render.js';

describe('SQL a spec supplies is one piece of one statement', () => {
  it('accepts the SELECTs and expressions real specs hold', () => {
    for (const sql of [
      "SELECT toStartOfHour(e.event_time) AS hour, countIf(e.kind = 'a;b') AS n FROM {{events}} AS e GROUP BY hour",
      'WITH x AS (SELECT 1 AS a) SELECT a FROM x',
      "SELECT c.id, coalesce(k.clicks, 0)::float8 / 2 AS r FROM {{campaign}} AS c WHERE c.name <> 'it''s -- fine'",
      'SELECT `we;ird` FROM t SETTINGS max_threads = 1',
      '(SELECT 1) UNION ALL (SELECT 2)',
    ])
      expect(fragmentProblem(sql, 'select', 'clickhouse'), sql).toBeNull();
    expect(
      fragmentProblem('SELECT $$a;b$$ AS x, $t$ \' $t$ AS y, E\'it\\\'s\' AS z, "a""b" FROM t', 'select', 'postgres'),
    ).toBeNull();
    for (const expr of [
      "event_type = 'conversion'",
      'if(a > 0, (SELECT max(x) FROM t), 0)',
      'extract(DAY FROM ts)',
      'arr[1] + 2',
    ]) {
      expect(fragmentProblem(expr, 'expression', 'clickhouse'), expr).toBeNull();
    }
  });

  it('refuses a second statement, comments, unbalanced quotes and brackets, and clauses outside an expression', () => {
    const cases: [string, 'select' | 'expression', 'clickhouse' | 'postgres', RegExp][] = [
      [
        'SELECT 1 AS x; DROP DATABASE victim_db',
        'select',
        'clickhouse',
        /more than one statement \(a ; at character 14\)/,
      ],
      ['SELECT 1 AS x;', 'select', 'clickhouse', /more than one statement/],
      ["SELECT 'a\\'; DROP TABLE t; --' AS x", 'select', 'postgres', /more than one statement/], // PostgreSQL reads no backslash escape there
      ['SELECT 1 -- the rest of the line is gone', 'select', 'clickhouse', /comment \(-- at character 10\)/],
      ['SELECT 1 /* x */', 'select', 'clickhouse', /comment/],
      ['SELECT 1 # x', 'select', 'clickhouse', /comment/],
      ["SELECT 'open", 'select', 'clickhouse', /string opened at character 8 is never closed/],
      ['SELECT `open', 'select', 'clickhouse', /quoted name opened at character 8 is never closed/],
      ['SELECT $q$ open', 'select', 'postgres', /dollar-quoted string opened/],
      ['SELECT sum(x FROM t', 'select', 'clickhouse', /a \( is left open/],
      ['SELECT [1, 2', 'select', 'clickhouse', /a \[ is left open/],
      [
        'SELECT 1) UNION ALL (SELECT 2',
        'select',
        'clickhouse',
        /a \) at character 9 closes a \( the select did not open/,
      ],
      ['DROP TABLE t', 'select', 'clickhouse', /does not start with SELECT or WITH/],
      [
        "SELECT 1 INTO OUTFILE '/tmp/x'",
        'select',
        'clickhouse',
        /INTO at character 10 would change where or how the result goes/,
      ],
      ['SELECT 1 FORMAT CSV', 'select', 'clickhouse', /FORMAT/],
      ['1) AS x, (SELECT 2', 'expression', 'clickhouse', /closes a \(/],
      ['1 FROM system.numbers', 'expression', 'clickhouse', /FROM at character 3 makes it more than an expression/],
      ['', 'expression', 'clickhouse', /empty/],
    ];
    for (const [sql, shape, dialect, problem] of cases)
      expect(fragmentProblem(sql, shape, dialect), sql).toMatch(problem);
  });

  it('any string or name, quoted as chplan quotes it, is one harmless piece of a SELECT', () => {
    fc.assert(
      fc.property(
        fc.string({
          unit: fc.constantFrom("'", '"', '`', '\\', ';', '-', '/', '*', '(', ')', '$', 'E', 'a', ' ', '\n'),
        }),
        (text) => {
          expect(
            fragmentProblem(`SELECT ${quoteString(text)} AS ${quoteIdent(text || 'x')}`, 'select', 'clickhouse'),
          ).toBeNull();
          expect(
            fragmentProblem(`SELECT ${pgString(text)} AS ${pgIdent(text || 'x')}`, 'select', 'postgres'),
          ).toBeNull();
        },
      ),
      { numRuns: 500 },
    );
  });

  it('a parse error names the place, not the grammar', () => {
    const summary = parseErrorSummary(
      'SELECT\n  sum(o.amountt FROM t',
      'Parse error at token: «EOF» at line 2 column 8\nUnexpected EOF token\n\nA PROPERTY_ACCESS_OPERATOR token based on:',
    );
    expect(summary).toBe('Parse error at token: «EOF» at line 2 column 8, near "sum(o.amountt FROM t"');
  });
});
