import { describe, expect, it } from 'vitest';
import { shardTargets } from '../../src/engine/cluster.js';
import { oneReport, shardedValidation, type ValidationReport } from '../../src/validate/report.js';
import { keyedLine } from '../../src/kinds/stream/plan/replay-sql.js';
import { renderSync } from '../../src/kinds/sync/plan/compile.js';
import { shardCondition } from '../../src/kinds/sync/plan/pg-queries.js';
import { syncSpecOf } from '../../src/kinds/sync/plan/spec.js';

describe('a cluster, in pure parts', () => {
  it("runs the server's own shard on its connection and every other on its first replica, with --url's scheme, port and credentials", () => {
    const rows = [
      { shard_num: '1', host: 'ch-1a', local: '0' },
      { shard_num: '2', host: 'ch-2a', local: '1' },
      { shard_num: '3', host: 'ch-3a', local: '0' },
    ];
    expect(shardTargets(rows, 'https://chplan:s3cret@ch-2a.example:8443/?database=analytics')).toEqual([
      { name: 'shard 1 (ch-1a)', url: 'https://chplan:s3cret@ch-1a:8443/?database=analytics' },
      { name: 'shard 2 (this server)', url: null },
      { name: 'shard 3 (ch-3a)', url: 'https://chplan:s3cret@ch-3a:8443/?database=analytics' },
    ]);
  });

  it('passes a sharded validation only when every shard and every check over all shards passes, and reads it as one report', () => {
    const report = (passed: boolean): ValidationReport => ({
      plan: 'p',
      planHash: 'h',
      source: 's',
      target: 't',
      days: [{ day: 'table x', checks: [{ name: 'rows', status: passed ? 'pass' : 'fail', detail: '' }] }],
      passed,
      successRate: passed ? 100 : 0,
    });
    const total = [{ day: 'cluster', checks: [{ name: 'keys on one shard', status: 'pass' as const, detail: '' }] }];
    const good = shardedValidation(
      [
        { shard: 'shard 1', report: report(true) },
        { shard: 'shard 2', report: report(true) },
      ],
      total,
    );
    expect(good.passed).toBe(true);
    expect(oneReport(good).days.map((d) => d.day)).toEqual([
      'shard 1: table x',
      'shard 2: table x',
      'all shards: cluster',
    ]);
    const bad = shardedValidation([{ shard: 'shard 1', report: report(false) }], total);
    expect([bad.passed, oneReport(bad).passed, oneReport(bad).successRate]).toEqual([false, false, 50]);
    const split = shardedValidation(
      [{ shard: 'shard 1', report: report(true) }],
      [{ day: 'cluster', checks: [{ name: 'keys on one shard', status: 'fail', detail: '' }] }],
    );
    expect(split.passed).toBe(false);
  });

  it('splits a replayed line into message key and message at the first separator only (kcat -K)', () => {
    expect(keyedLine('{"id":1}\t{"op":"c","x":"a\tb"}', '\t')).toEqual({
      key: '{"id":1}',
      line: '{"op":"c","x":"a\tb"}',
    });
    expect(keyedLine('{"id":1}\t', '\t')).toEqual({ key: '{"id":1}', line: '' });
    expect(keyedLine('{"op":"c"}', '\t')).toEqual({ key: '', line: '{"op":"c"}' });
    expect(keyedLine('k||v', '||')).toEqual({ key: 'k', line: 'v' });
    expect(keyedLine('a\tb', '')).toEqual({ key: '', line: 'a\tb' });
  });

  it("names a sharded sync table's rows of the run's shard by a hash PostgreSQL computes, never negative", () => {
    expect(shardCondition(['id'], 3)).toBe('((hashtextextended(row("id")::text, 0) % 3) + 3) % 3 = \u0001shard\u0001');
    expect(shardCondition(['Org', 'id'], 8)).toContain('row("Org", "id")');
  });
});

describe('a sync table on a cluster', () => {
  it('sends every read of a sharded table its shard condition, beside the window and the snapshot of a table captured by transactions; a table on every shard reads everything', () => {
    const spec = syncSpecOf({
      kind: 'sync',
      name: 's',
      cluster: { name: 'c', shards: 4 },
      tables: [
        { source: 'f', role: 'fact', primaryKey: ['id'], cursor: 'inserted_at', capture: 'transactions' },
        { source: 'd', role: 'dimension', primaryKey: ['id'], cursor: 'updated_at' },
      ],
    });
    const column = (name: string, pgType: string) => ({ name, type: 'Int64', pgType, nullable: false });
    const sql = Object.fromEntries(
      renderSync(spec, [
        {
          spec: spec.tables[0]!,
          columns: [
            column('id', 'bigint'),
            { ...column('inserted_at', 'timestamp with time zone'), type: "DateTime64(6, 'UTC')" },
          ],
        },
        {
          spec: spec.tables[1]!,
          columns: [
            column('id', 'bigint'),
            { ...column('updated_at', 'timestamp with time zone'), type: "DateTime64(6, 'UTC')" },
          ],
        },
      ]).map((s) => [s.step, s.sql]),
    );
    const shard = /\(hashtextextended\(row\("id"\)::text, 0\) % 4\) \+ 4\) % 4 = ',\s*toString\(\{shard:UInt32\}\)/;
    for (const step of [
      'load',
      'count_window',
      'check_values',
      'missing_in_source',
      'reconcile',
      'missing_in_target',
      'validate_postgres',
      'missing_in_target_window',
      'validate_window_postgres',
    ])
      expect(sql[`f.${step}`], step).toMatch(shard);
    expect(sql['f.load']).toContain('pg_visible_in_snapshot');
    expect(sql['f.load']).toMatch(/\) AND \(\(\(hashtextextended/);
    for (const [step, text] of Object.entries(sql).filter(([s]) => s.startsWith('d.')))
      expect(text, step).not.toContain('hashtextextended');
    expect(sql['f.create_target']).toMatch(/ON CLUSTER `c`[\s\S]*ReplicatedMergeTree/);
    expect(sql['d.create_target']).toMatch(/ON CLUSTER `c`[\s\S]*ReplicatedReplacingMergeTree/);
    expect(sql['f.create_staging']).not.toMatch(/ON CLUSTER|Replicated/);
    expect(Object.keys(sql)).not.toContain('f.swap');
  });
});
