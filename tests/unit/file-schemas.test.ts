import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readManifest } from '../../src/plan/plan-dir.js';
import { readApproval } from '../../src/plan/approval.js';
import { readSchemaFile } from '../../src/kinds/flatten/schema/schema-file.js';
import { readExtraQueries } from '../../src/kinds/flatten/commands/query-bench.js';
import { tempDir } from '../helpers/temp.js';

const DEMO = 'generated-sql/eco_cross_page_preagg_pt1m';
const dir = tempDir('files');
const file = (name: string, content: unknown) => {
  const path = join(dir, name);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
};

describe('every file chplan reads is checked against its schema, naming the field', () => {
  it('manifest.json', () => {
    const plan = join(dir, 'plan');
    cpSync(DEMO, plan, { recursive: true });
    const manifest = JSON.parse(readFileSync(join(plan, 'manifest.json'), 'utf8')) as Record<string, unknown>;
    writeFileSync(
      join(plan, 'manifest.json'),
      JSON.stringify({ ...manifest, ledger: { table: { database: 'd' } }, planHash: 'nope' }),
    );
    expect(() => readManifest(plan)).toThrow(
      /is not a chplan manifest \(schemas\/manifest.schema.json\): .*\/ledger.*"(scope|name)"/,
    );
  });

  it('APPROVAL.json', () => {
    const plan = join(dir, 'approved');
    cpSync(DEMO, plan, { recursive: true });
    writeFileSync(join(plan, 'APPROVAL.json'), JSON.stringify({ planHash: 'abc', by: 'QA' }));
    expect(() => readApproval(plan)).toThrow(/is not a sign-off chplan wrote \(.*missing required field "at"/);
  });

  it('source-schema.json, also accepting a plan manifest', () => {
    const table = { database: 'default', name: 'eco_cross_page_flow_pt1m_local' };
    expect(() =>
      readSchemaFile(file('schema.json', { table: 'default.eco_cross_page_flow_pt1m_local', columns: [['a']] }), table),
    ).toThrow(/schemas\/source-schema.schema.json: \/columns\/0 must NOT have fewer than 2 items/);
    expect(readSchemaFile(join(DEMO, 'manifest.json'), table).length).toBeGreaterThan(80);
  });

  it('--queries files', () => {
    expect(() =>
      readExtraQueries(
        file('queries.json', [{ id: 'q', title: 't', source: 'SELECT 1 FROM {flat}', flat: 'SELECT 1 FROM {flat}' }]),
      ),
    ).toThrow(/\/0\/source must match pattern/);
    expect(() => readExtraQueries(file('broken.json', '[{'))).toThrow(/is not valid JSON/);
    expect(
      readExtraQueries(
        file('ok.json', [{ id: 'q', title: 't', source: 'SELECT 1 FROM {source}', flat: 'SELECT 1 FROM {flat}' }]),
      ),
    ).toHaveLength(1);
  });
});
