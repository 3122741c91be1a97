import { describe, expect, it } from 'vitest';
import { classifyColumns } from '../../src/kinds/flatten/schema/source-schema.js';
import { testSettings } from '../helpers/engine.js';
import { mappingMapProblems } from '../../src/kinds/flatten/mapping/check-mapping.js';

const table = { database: 'db', name: 'src' };
const columns = [
  { name: 'timestampMs', type: 'DateTime64(3)' },
  { name: 'clientId', type: 'String' },
  { name: 'sessionId', type: 'UInt256' },
  { name: 'region', type: 'LowCardinality(String)' },
  { name: 'tagGroup3', type: 'Map(String, String)' },
  { name: 'metricIntGroup2', type: 'Map(String, UInt64)' },
  { name: 'metricFloatGroup9', type: 'Map(String, Float32)' },
];

describe('column classification', () => {
  it('classifies by pattern and value type, from the columns it is given', () => {
    const schema = classifyColumns(table, columns, testSettings());
    expect(schema.maps.map((m) => [m.name, m.kind, m.valueType])).toEqual([
      ['metricIntGroup2', 'int', 'UInt64'],
      ['metricFloatGroup9', 'float', 'Float32'],
    ]);
    expect(schema.dimensions.map((c) => c.name)).toEqual(['region']);
    expect(schema.excluded.map((c) => c.name)).toEqual(['tagGroup3']);
  });

  it('names a missing required column and lists what exists', () => {
    expect(() =>
      classifyColumns(
        table,
        columns.filter((c) => c.name !== 'sessionId'),
        testSettings(),
      ),
    ).toThrow(/db.src has no column "sessionId" \(the group key\)\. Its columns are: timestampMs, clientId/);
    expect(() => classifyColumns(table, columns.slice(1), testSettings())).toThrow(
      /no column "timestampMs" \(the time column\)/,
    );
    expect(() =>
      classifyColumns(table, [{ name: 'timestampMs', type: 'String' }, ...columns.slice(1)], testSettings()),
    ).toThrow(/needs DateTime or DateTime64/);
    expect(() => classifyColumns(table, columns, testSettings({ customers: [1] }))).toThrow(/no column "customerId"/);
    expect(() =>
      classifyColumns(table, [...columns, { name: 'metricIntGroup3', type: 'Map(String, String)' }], testSettings()),
    ).toThrow(/values of type String/);
    expect(() =>
      classifyColumns(
        table,
        columns.filter((c) => !c.name.startsWith('metric')),
        testSettings(),
      ),
    ).toThrow(/no metric Map columns/);
    expect(() => classifyColumns(table, columns, testSettings({ exclude: ['*'] }))).toThrow(
      /exclude \["\*"\] removes every metric Map column of db.src \(metricIntGroup2, metricFloatGroup9\)/,
    );
  });

  it('finds mapping entries that name maps the source does not have, or maps of the other kind', () => {
    const schema = classifyColumns(table, columns, testSettings());
    const mapping = {
      formatVersion: 1 as const,
      version: 1,
      parent: null,
      source: 'db.src',
      discovered: { from: '2025-10-08', to: '2025-10-08', timeZone: 'UTC', rows: 1 },
      int: [
        { key: 'a', column: 'int1', maps: ['metricIntGroup2'], rows: 1 },
        { key: 'b', column: 'int2', maps: ['metricIntGroup7'], rows: 1 },
      ],
      float: [{ key: 'c', column: 'float1', maps: ['metricIntGroup2'], rows: 1 }],
      free: { int: [], float: [] },
    };
    expect(mappingMapProblems(mapping, schema.maps)).toEqual([
      '/int/1 (key "b") names map metricIntGroup7, which the source does not have',
      '/float/0 (key "c") names metricIntGroup2, which is an int map',
    ]);
  });
});
