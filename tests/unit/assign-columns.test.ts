import { describe, expect, it } from 'vitest';
import { assignColumns } from '../../src/kinds/flatten/mapping/assign-columns.js';
import { codePointCompare } from '../../src/core/code-point.js';
import type { KeyInventory } from '../../src/kinds/flatten/discover/key-inventory.js';

function inventory(keys: [kind: 'int' | 'float', key: string, maps: string[]][]): KeyInventory {
  return {
    source: 'default.src',
    from: '2025-10-08',
    to: '2025-10-08',
    timeZone: 'UTC',
    rows: 10,
    keys: keys.map(([kind, key, maps]) => ({ kind, key, maps: maps.map((map) => ({ map, rows: 1 })) })),
  };
}

describe('assignColumns', () => {
  it('orders by code point, not locale', () => {
    const words = ['é', 'b', 'B', 'a', '😀', '\uffff', '_', '10', '9', ''];
    expect([...words].sort(codePointCompare)).toEqual(['', '10', '9', 'B', '_', 'a', 'b', 'é', '\uffff', '😀']);
  });

  it('assigns int and float columns separately, in code-point order', () => {
    const mapping = assignColumns(
      inventory([
        ['int', 'b', ['m1']],
        ['int', 'a', ['m1', 'm2']],
        ['float', 'z', ['f1']],
        ['int', 'B', ['m2']],
      ]),
    );
    expect(mapping.int.map((e) => [e.column, e.key, e.maps])).toEqual([
      ['int1', 'B', ['m2']],
      ['int2', 'a', ['m1', 'm2']],
      ['int3', 'b', ['m1']],
    ]);
    expect(mapping.float).toEqual([{ key: 'z', column: 'float1', maps: ['f1'], rows: 1 }]);
    expect(mapping.version).toBe(1);
    expect(mapping.parent).toBeNull();
  });

  it('keeps every column of a base mapping and appends new keys after the last one', () => {
    const day1 = assignColumns(
      inventory([
        ['int', 'b', ['m1']],
        ['int', 'd', ['m1']],
      ]),
    );
    const day2 = assignColumns(
      inventory([
        ['int', 'a', ['m1']],
        ['int', 'd', ['m2']],
        ['int', 'c', ['m1']],
      ]),
      { base: { mapping: day1, hash: 'f'.repeat(64) } },
    );
    expect(day2.int.map((e) => [e.column, e.key, e.rows])).toEqual([
      ['int1', 'b', 0],
      ['int2', 'd', 1],
      ['int3', 'a', 1],
      ['int4', 'c', 1],
    ]);
    expect(day2.int[1]!.maps).toEqual(['m1', 'm2']);
    expect(day2.version).toBe(2);
    expect(day2.parent).toBe('f'.repeat(64));
  });

  it('reserves spare columns and gives them to new keys first', () => {
    const day1 = assignColumns(
      inventory([
        ['int', 'b', ['m1']],
        ['float', 'x', ['f1']],
      ]),
      { spareColumns: 2 },
    );
    expect(day1.free).toEqual({ int: ['int2', 'int3'], float: ['float2', 'float3'] });
    const day2 = assignColumns(
      inventory([
        ['int', 'b', ['m1']],
        ['int', 'a', ['m1']],
        ['int', 'c', ['m1']],
        ['int', 'd', ['m1']],
      ]),
      { base: { mapping: day1, hash: 'a'.repeat(64) } },
    );
    expect(day2.int.map((e) => `${e.column}=${e.key}`)).toEqual(['int1=b', 'int2=a', 'int3=c', 'int4=d']);
    expect(day2.free).toEqual({ int: [], float: ['float2', 'float3'] });
  });
});
