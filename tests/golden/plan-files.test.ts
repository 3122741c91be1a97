import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const GOLDEN = dirname(fileURLToPath(import.meta.url));
import { describe, expect, it } from 'vitest';
import { buildPlan } from '../../src/kinds/flatten/plan/build-plan.js';
import { metricPlan } from '../../src/kinds/flatten/compile/metric-expressions.js';
import { classifyColumns } from '../../src/kinds/flatten/schema/source-schema.js';
import { seedColumns } from '../../src/kinds/flatten/seed/seed-sql.js';
import { seedMaps } from '../../src/kinds/flatten/seed/key-catalog.js';
import { parseMapping } from '../../src/kinds/flatten/mapping/mapping-file.js';
import type { Mapping } from '../../src/kinds/flatten/mapping/mapping.js';
import { TOOL_VERSION } from '../../src/core/version.js';
import { testSettings } from '../helpers/engine.js';
import type { SettingsOverrides } from '../../src/config/load.js';

const FIXTURE_COLUMNS = [
  { name: 'timestampMs', type: 'DateTime64(3)' },
  { name: 'clientId', type: 'String' },
  { name: 'sessionId', type: 'UInt256' },
  { name: 'customerId', type: 'Int32' },
  { name: 'platform', type: 'LowCardinality(String)' },
  { name: 'tagGroup1', type: 'Map(String, String)' },
  { name: 'flowId', type: 'String' },
  { name: 'metricIntGroup1', type: 'Map(String, Int32)' },
  { name: 'metricIntGroup2', type: 'Map(String, UInt64)' },
  { name: 'metricFloatGroup1', type: 'Map(String, Float32)' },
];

const FIXTURE_MAPPING: Mapping = {
  formatVersion: 1,
  version: 1,
  parent: null,
  source: 'default.src',
  discovered: { from: '2025-10-08', to: '2025-10-08', timeZone: 'UTC', rows: 10 },
  int: [
    { key: '', column: 'int1', maps: ['metricIntGroup1'], rows: 1 },
    { key: "it's", column: 'int2', maps: ['metricIntGroup1', 'metricIntGroup2'], rows: 2 },
    { key: 'new\nline `tick` \\', column: 'int3', maps: ['metricIntGroup2'], rows: 3 },
  ],
  float: [{ key: '😀', column: 'float1', maps: ['metricFloatGroup1'], rows: 4 }],
  free: { int: ['int4'], float: [] },
};

describe('golden plan files', () => {
  const previous: Mapping = {
    ...FIXTURE_MAPPING,
    int: FIXTURE_MAPPING.int.slice(0, 2),
    float: [],
    free: { int: ['int3'], float: [] },
  };
  const variants: [string, SettingsOverrides, Mapping | null][] = [
    ['indexed', {}, null],
    [
      'readable-customers-berlin',
      {
        strategy: 'readable',
        customers: [3, 1],
        timeZone: 'Europe/Berlin',
        intType: 'Int64',
        insertSettings: { max_bytes_before_external_group_by: 2000000000, join_algorithm: 'hash' },
      },
      null,
    ],
    ['migration', {}, previous],
    ['cluster', { cluster: 'prod_cluster' }, previous],
  ];
  for (const [label, overrides, before] of variants) {
    it(`renders every template (${label})`, async () => {
      const settings = testSettings({ source: 'default.src', target: 'default.flat', ...overrides });
      const schema = classifyColumns(settings.source, FIXTURE_COLUMNS, settings);
      const files = buildPlan({
        name: label,
        schema,
        mapping: FIXTURE_MAPPING,
        settings,
        toolVersion: '0.0.0-golden',
        previous: before,
      }).files;
      for (const file of files) {
        // A new file is a reviewed addition: write it with -u, never silently on a normal run.
        const updating =
          (expect.getState() as unknown as { snapshotState?: { _updateSnapshot?: string } }).snapshotState
            ?._updateSnapshot === 'all';
        expect(
          existsSync(join(GOLDEN, label, file.name)) || updating,
          `tests/golden/${label}/${file.name} is missing; review it and accept with npx vitest run tests/golden -u`,
        ).toBe(true);
        await expect(file.content).toMatchFileSnapshot(`./${label}/${file.name}`);
      }
    });
  }

  it('keeps column positions in UInt16 while they fit, and widens them past 65,535 columns of a kind', () => {
    const settings = testSettings({ source: 'default.src', target: 'default.flat' });
    const schema = classifyColumns(settings.source, FIXTURE_COLUMNS, settings);
    const positionTypes = (ints: number) => {
      const int = Array.from({ length: ints }, (_, i) => ({
        key: `k${i}`,
        column: `int${i + 1}`,
        maps: ['metricIntGroup1'],
        rows: 1,
      }));
      const plan = metricPlan('indexed', schema, { ...FIXTURE_MAPPING, int, float: [] }, settings);
      return plan.constants
        .filter((c) => c.alias.includes('_positions_'))
        .map((c) => /'Array\((\w+)\)'/.exec(c.expr)?.[1]);
    };
    expect(positionTypes(65_535)).toEqual(['UInt16']);
    // 65,536 would wrap to 0 in UInt16, the position that means "unmapped".
    expect(positionTypes(65_536)).toEqual(['UInt32']);
  });

  it('the committed demo plan is exactly what the compiler produces from mapping.json', () => {
    const settings = testSettings();
    const schema = classifyColumns(settings.source, seedColumns(seedMaps()), settings);
    const mapping = parseMapping(readFileSync('mapping.json', 'utf8'), 'mapping.json');
    const files = buildPlan({
      name: 'eco_cross_page_preagg_pt1m',
      schema,
      mapping,
      settings,
      toolVersion: TOOL_VERSION,
    }).files;
    const dir = 'generated-sql/eco_cross_page_preagg_pt1m';
    expect(readdirSync(dir).sort()).toEqual(files.map((f) => f.name).sort());
    for (const file of files) {
      expect(readFileSync(`${dir}/${file.name}`, 'utf8'), `${file.name} drifted: run npm run regenerate`).toBe(
        file.content,
      );
    }
  });
});
