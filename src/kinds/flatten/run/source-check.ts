import type { Engine } from '../../../engine/engine.js';
import { SafetyError, SchemaError } from '../../../core/errors.js';
import { formatTableRef } from '../../../config/settings.js';
import type { FlattenPlan } from '../plan/flatten-plan.js';
import { tableColumns } from '../../../engine/table-columns.js';
import { fingerprintOf, type Column } from '../schema/source-schema.js';

/** Column-level differences between two column lists, as human lines. Pure. */
export function columnDiff(before: Column[], after: Column[]): string[] {
  const old = new Map(before.map((c) => [c.name, c.type]));
  const now = new Map(after.map((c) => [c.name, c.type]));
  const lines: string[] = [];
  for (const [name, type] of old) {
    if (!now.has(name)) lines.push(`- ${name} ${type} (removed)`);
    else if (now.get(name) !== type) lines.push(`~ ${name} ${type} → ${now.get(name)}`);
  }
  for (const [name, type] of now) if (!old.has(name)) lines.push(`+ ${name} ${type} (added)`);
  return lines;
}

/** Refuses to run a plan compiled against a different source schema. */
export async function checkSourceUnchanged(engine: Engine, plan: FlattenPlan): Promise<void> {
  const source = plan.manifest.tables.source;
  const columns = await tableColumns(engine, source);
  if (!columns) {
    throw new SchemaError(`Source table ${formatTableRef(source)} not found on ${engine.description}. Check --url / --data-dir, or seed demo data with \`chplan seed\`.`);
  }
  if (fingerprintOf(columns) === plan.manifest.source.fingerprint) return;
  const planned = plan.manifest.source.columns.map(([name, type]) => ({ name, type }));
  const diff = columnDiff(planned, columns);
  throw new SafetyError(
    `The source ${formatTableRef(source)} changed since plan ${plan.name} was compiled; nothing was run.\n  ${diff.join('\n  ') || '(same columns, different order)'}\n` +
      `Recompile the plan (chplan compile) so the reviewed SQL matches the table.`,
  );
}
