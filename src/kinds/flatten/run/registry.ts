import { quoteTable } from '../../../core/quote.js';
import type { Engine } from '../../../engine/engine.js';
import { SafetyError } from '../../../core/errors.js';
import { formatTableRef } from '../../../config/settings.js';
import type { FlattenPlan } from '../plan/plan.js';
import type { MetricKind } from '../schema/source-schema.js';

interface Registered {
  kind: MetricKind;
  column: string;
  key: string;
  mapping_version: number;
}

export interface RegistryConflict {
  kind: MetricKind;
  column: string;
  registeredKey: string;
  planKey: string;
  /** Where the plan's key is registered, if elsewhere. */
  registeredColumnOfPlanKey?: string;
}

/** Columns whose registered key differs from the plan's, or keys registered in another column. Pure. */
export function registryConflicts(registered: Registered[], plan: FlattenPlan['mapping']): RegistryConflict[] {
  const conflicts: RegistryConflict[] = [];
  for (const kind of ['int', 'float'] as const) {
    const byColumn = new Map(registered.filter((r) => r.kind === kind).map((r) => [r.column, r.key]));
    const byKey = new Map(registered.filter((r) => r.kind === kind).map((r) => [r.key, r.column]));
    for (const entry of plan[kind]) {
      const registeredKey = byColumn.get(entry.column);
      const registeredColumn = byKey.get(entry.key);
      if (
        (registeredKey !== undefined && registeredKey !== entry.key) ||
        (registeredColumn !== undefined && registeredColumn !== entry.column)
      ) {
        conflicts.push({
          kind,
          column: entry.column,
          registeredKey: registeredKey ?? '(free)',
          planKey: entry.key,
          registeredColumnOfPlanKey: registeredColumn,
        });
      }
    }
  }
  return conflicts;
}

/**
 * Refuses a plan whose mapping would give a column of the target a different key than
 * earlier loads did (mixing mappings silently corrupts the table); otherwise records
 * the plan's assignments next to the target.
 */
export async function checkAndRegisterMapping(engine: Engine, plan: FlattenPlan): Promise<void> {
  const registry = plan.manifest.tables.registry;
  const target = formatTableRef(plan.manifest.tables.target);
  const registered = await engine.rows<Registered>(
    `SELECT kind, column, any(key) AS key, max(mapping_version) AS mapping_version FROM ${quoteTable(registry)} WHERE target = {target:String} GROUP BY kind, column`,
    { params: { target }, step: 'registry' },
  );
  const conflicts = registryConflicts(registered, plan.mapping);
  if (conflicts.length > 0) {
    const lines = conflicts
      .slice(0, 20)
      .map(
        (c) =>
          `  ${c.column}: holds ${JSON.stringify(c.registeredKey)}, this plan puts ${JSON.stringify(c.planKey)} there${c.registeredColumnOfPlanKey ? ` (${JSON.stringify(c.planKey)} lives in ${c.registeredColumnOfPlanKey})` : ''}`,
      );
    throw new SafetyError(
      `Plan ${plan.name} would give ${conflicts.length} column(s) of ${target} a different key than the mapping(s) already loaded; mixing them would corrupt the table, so nothing was run:\n${lines.join('\n')}${conflicts.length > 20 ? `\n  … and ${conflicts.length - 20} more` : ''}\n` +
        `Evolve the mapping from the one the target was loaded with: chplan discover --day D --base <that mapping.json>, then compile with --previous <that mapping.json>.`,
    );
  }
  // The plan's statement inserts only the columns not registered yet (a mapping without keys has none).
  if (plan.sql.register_mapping !== undefined) await engine.command(plan.sql.register_mapping, { step: 'registry' });
}
