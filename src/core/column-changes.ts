/** A column as a table or a plan has it. */
export interface NamedType {
  name: string;
  type: string;
}

/** One difference between two column lists: `type` is the column's type in the first list. */
export type ColumnChange =
  | { change: 'removed'; name: string; type: string }
  | { change: 'added'; name: string; type: string }
  | { change: 'retyped'; name: string; type: string; to: string };

/**
 * How `after` differs from `before`, column by column: removed and retyped columns in `before`'s
 * order, then added ones in `after`'s. Callers word the changes for their own messages. Pure.
 */
export function columnChanges(before: NamedType[], after: NamedType[]): ColumnChange[] {
  const was = new Map(before.map((c) => [c.name, c.type]));
  const now = new Map(after.map((c) => [c.name, c.type]));
  const changes: ColumnChange[] = [];
  for (const [name, type] of was) {
    const to = now.get(name);
    if (to === undefined) changes.push({ change: 'removed', name, type });
    else if (to !== type) changes.push({ change: 'retyped', name, type, to });
  }
  for (const [name, type] of now) if (!was.has(name)) changes.push({ change: 'added', name, type });
  return changes;
}
