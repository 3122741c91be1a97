import type { Mapping } from './mapping.js';

/**
 * Problems the JSON schema cannot see: a key or column used twice within a kind.
 * Pure; an empty list means the mapping is usable.
 */
export function mappingProblems(mapping: Mapping): string[] {
  const problems: string[] = [];
  for (const kind of ['int', 'float'] as const) {
    const keys = new Set<string>();
    const columns = new Set<string>();
    mapping[kind].forEach((entry, i) => {
      if (keys.has(entry.key)) problems.push(`/${kind}/${i}/key ${JSON.stringify(entry.key)} appears twice`);
      if (columns.has(entry.column)) problems.push(`/${kind}/${i}/column ${entry.column} is assigned twice`);
      keys.add(entry.key);
      columns.add(entry.column);
    });
    for (const column of mapping.free[kind]) {
      if (columns.has(column)) problems.push(`/free/${kind}: ${column} is both free and assigned`);
    }
  }
  return problems;
}

/**
 * Entries that name a map the source does not have, or a map of the other kind: compiling
 * them would read nothing for those keys. Pure.
 */
export function mappingMapProblems(mapping: Mapping, maps: { name: string; kind: 'int' | 'float' }[]): string[] {
  const kindOf = new Map(maps.map((m) => [m.name, m.kind]));
  return (['int', 'float'] as const).flatMap((kind) =>
    mapping[kind].flatMap((entry, i) =>
      entry.maps.flatMap((map) => {
        const actual = kindOf.get(map);
        if (actual === undefined)
          return [`/${kind}/${i} (key ${JSON.stringify(entry.key)}) names map ${map}, which the source does not have`];
        return actual === kind
          ? []
          : [`/${kind}/${i} (key ${JSON.stringify(entry.key)}) names ${map}, which is an ${actual} map`];
      }),
    ),
  );
}
