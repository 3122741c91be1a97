import { describe, expect, it } from 'vitest';
import { classifyColumns } from '../../src/kinds/flatten/schema/source-schema.js';
import { testSettings } from '../helpers/engine.js';

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
    expect(schema.maps.map((m) => [m.name, m.kind, m.valueType])).toEqual([['metricIntGroup2', 'int', 'UInt64'], ['metricFloatGroup9', 'float', 'Float32']]);
    expect(schema.dimensions.map((c) => c.name)).toEqual(['region']);
    expect(schema.excluded.map((c) => c.name)).toEqual(['tagGroup3']);
  });

  it('names a missing required column and lists what exists', () => {
    expect(() => classifyColumns(table, columns.filter((c) => c.name !== 'sessionId'), testSettings())).toThrow(/db.src has no column "sessionId" \(the group key\)\. Its columns are: timestampMs, clientId/);
    expect(() => classifyColumns(table, columns.slice(1), testSettings())).toThrow(/no column "timestampMs" \(the time column\)/);
    expect(() => classifyColumns(table, [{ name: 'timestampMs', type: 'String' }, ...columns.slice(1)], testSettings())).toThrow(/needs DateTime or DateTime64/);
    expect(() => classifyColumns(table, columns, testSettings({ customers: [1] }))).toThrow(/no column "customerId"/);
    expect(() => classifyColumns(table, [...columns, { name: 'metricIntGroup3', type: 'Map(String, String)' }], testSettings())).toThrow(/values of type String/);
    expect(() => classifyColumns(table, columns.filter((c) => !c.name.startsWith('metric')), testSettings())).toThrow(/no metric Map columns/);
  });
});
