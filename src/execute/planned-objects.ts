import type { Engine } from '../engine/engine.js';
import type { PlannedObject } from '../plan/definition.js';

/** An object that exists with a COMMENT other than the plan's definition of it (`found`: that comment). */
export type ChangedObject = PlannedObject & { found: string };

/** A table, view or dictionary as system.tables lists it. */
export interface ExistingObject {
  database: string;
  name: string;
  engine: string;
  comment: string;
}

/** Every table, view and dictionary of these databases. */
export function existingObjects(engine: Engine, databases: string[]): Promise<ExistingObject[]> {
  return engine.rows<ExistingObject>(
    'SELECT database, name, engine, comment FROM system.tables WHERE has({databases:Array(String)}, database)',
    { params: { databases: [...new Set(databases)] }, step: 'list objects' },
  );
}

/** The plan's objects that exist in ClickHouse but were created from another definition. */
export async function changedObjects(engine: Engine, objects: PlannedObject[]): Promise<ChangedObject[]> {
  if (objects.length === 0) return [];
  const rows = await existingObjects(
    engine,
    objects.map((o) => o.database),
  );
  const found = new Map(rows.map((r) => [`${r.database}\u0000${r.name}`, r.comment]));
  return objects.flatMap((o) => {
    const comment = found.get(`${o.database}\u0000${o.name}`);
    return comment === undefined || comment === o.definition ? [] : [{ ...o, found: comment }];
  });
}
