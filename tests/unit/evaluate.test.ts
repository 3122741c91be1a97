import { describe, expect, it } from 'vitest';
import { evaluateDay, floatsAgree, type ValidationInputs } from '../../src/kinds/flatten/validate/evaluate.js';
import type { Mapping } from '../../src/kinds/flatten/mapping/mapping.js';

const mapping: Mapping = {
  formatVersion: 1,
  version: 1,
  parent: null,
  source: 'a.b',
  discovered: { from: '2025-10-08', to: '2025-10-08', timeZone: 'UTC', rows: 3 },
  int: [{ key: 'k', column: 'int1', maps: ['m'], rows: 3 }],
  float: [{ key: 'f', column: 'float1', maps: ['n'], rows: 3 }],
  free: { int: [], float: [] },
};

function inputs(overrides: Partial<ValidationInputs> = {}): ValidationInputs {
  return {
    rowCount: { source_rows: '3', source_groups: '2', target_rows: '2' },
    sourceSums: [
      { kind: 'int', key: 'k', int_total: '9007199254740993', float_total: '0' },
      { kind: 'float', key: 'f', int_total: '0', float_total: '1.5' },
    ],
    targetSums: { int1: '9007199254740993', float1: '1.5000001' },
    unmapped: [],
    spotSource: [{ minute: 'm', group_keys: ['c', 's'], kind: 'int', key: 'k', int_total: '7', float_total: '0' }],
    spotTarget: [{ minute: 'm', group_keys: ['c', 's'], ints: ['7'], floats: ['0'] }],
    dimensions: { groups: '0', example: '' },
    ...overrides,
  };
}

describe('validation evaluation', () => {
  it('passes matching data, comparing big ints exactly', () => {
    expect(evaluateDay(mapping, inputs()).map((c) => c.status)).toEqual(['pass', 'pass', 'pass', 'pass', 'pass']);
  });

  it('fails on an int off by one beyond float precision', () => {
    const checks = evaluateDay(mapping, inputs({ targetSums: { int1: '9007199254740992', float1: '1.5' } }));
    expect(checks[1]).toMatchObject({
      status: 'fail',
      problems: [{ key: 'k', source: '9007199254740993', target: '9007199254740992' }],
    });
  });

  it('fails row counts, spot differences and unmapped keys; warns on dimensions', () => {
    const checks = evaluateDay(
      mapping,
      inputs({
        rowCount: { source_rows: '3', source_groups: '2', target_rows: '3' },
        spotTarget: [{ minute: 'm', group_keys: ['c', 's'], ints: ['8'], floats: ['0'] }],
        unmapped: [{ map: 'm', key: 'new', rows: '4' }],
        dimensions: { groups: '1', example: 'x' },
      }),
    );
    expect(checks.map((c) => c.status)).toEqual(['fail', 'pass', 'fail', 'fail', 'warn']);
  });

  it('treats NaN as equal only to NaN', () => {
    expect(floatsAgree(NaN, NaN)).toBe(true);
    expect(floatsAgree(NaN, 0)).toBe(false);
    expect(floatsAgree(Infinity, Infinity)).toBe(true);
    expect(floatsAgree(1, 1 + 1e-5)).toBe(false);
  });
});
