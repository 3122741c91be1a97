import type { Engine } from '../../../engine/engine.js';
import { SafetyError, SchemaError } from '../../../core/errors.js';
import { formatTableRef } from '../../../config/settings.js';
import type { FlattenPlan } from '../plan/plan.js';
import { tableColumns } from '../../../engine/table-columns.js';
import { columnChanges } from '../../../core/column-changes.js';
import { fingerprintOf, type Column } from '../schema/source-schema.js';

/** Column-level differences between two column lists, as human lines. Pure. */
export function columnDiff(before: Column[], after: Column[]): string[] {
  return columnChanges(before, after).map((c) =>
    c.change === 'removed'
      ? `- ${c.name} ${c.type} (removed)`
      : c.change === 'retyped'
        ? `~ ${c.name} ${c.type} → ${c.to}`
        : `+ ${c.name} ${c.type} (added)`,
  );
}

/** Refuses to run a plan compiled against a different source schema. */
export async function checkSourceUnchanged(engine: Engine, plan: FlattenPlan): Promise<void> {
  const source = plan.manifest.tables.source;
  const columns = await tableColumns(engine, source);
  if (!columns) {
    throw new SchemaError(
      `Source table ${formatTableRef(source)} not found on ${engine.description}. Check --url / --data-dir, or seed demo data with \`chplan seed\`.`,
    );
  }
  if (fingerprintOf(columns) === plan.manifest.source.fingerprint) return;
  const planned = plan.manifest.source.columns.map(([name, type]) => ({ name, type }));
  const diff = columnDiff(planned, columns);
  throw new SafetyError(
    `The source ${formatTableRef(source)} changed since plan ${plan.name} was compiled; nothing was run.\n  ${diff.join('\n  ') || '(same columns, different order)'}\n` +
      `Recompile the plan (chplan compile) so the reviewed SQL matches the table.`,
  );
}

/** The target columns a flatten plan writes that any existing target must have, with their types. Pure. */
export function requiredTargetColumns(plan: FlattenPlan): Column[] {
  const m = plan.manifest;
  const sourceType = new Map(m.source.columns);
  const keys = [m.timeColumn, ...m.groupKeys].map((name) => ({ name, type: sourceType.get(name) ?? '' }));
  const metrics = (['int', 'float'] as const).flatMap((kind) =>
    plan.mapping[kind].map((e) => ({ name: e.column, type: kind === 'int' ? m.intType : m.floatType })),
  );
  return [...keys, ...metrics];
}

/**
 * Refuses an existing target that is not the table this plan writes (missing columns, other
 * types), before anything is written to it or next to it.
 */
export async function checkTargetShape(engine: Engine, plan: FlattenPlan): Promise<void> {
  const target = await tableColumns(engine, plan.manifest.tables.target);
  if (!target) return;
  // A migrating plan adds its new metric columns itself (add_columns_target), after this check.
  const addsColumns = plan.sql.add_columns_target !== undefined;
  const keys = new Set([plan.manifest.timeColumn, ...plan.manifest.groupKeys]);
  const problems = columnChanges(requiredTargetColumns(plan), target).flatMap((c) => {
    if (c.change === 'added') return []; // columns the plan does not write may stay
    if (c.change === 'removed') return addsColumns && !keys.has(c.name) ? [] : [`- ${c.name} ${c.type} (missing)`];
    return [`~ ${c.name} is ${c.to}, the plan writes ${c.type}`];
  });
  if (problems.length === 0) return;
  const shown =
    problems.slice(0, 20).join('\n  ') + (problems.length > 20 ? `\n  … and ${problems.length - 20} more` : '');
  throw new SafetyError(
    `The target ${formatTableRef(plan.manifest.tables.target)} exists but is not the table plan ${plan.name} writes; nothing was written to it or to the mapping registry:\n  ${shown}\n` +
      'Compile with another --target (chplan creates it), or compile against the mapping this table was loaded with (--base / --previous).',
  );
}
