import { quoteString } from '../../../core/quote.js';
import { numberInOrder } from '../../../plan/plan-dir.js';
import { renderStep, type Statement } from '../../../render/render.js';
import { withDefinition } from '../../../plan/definition.js';
import type { SyncSpec } from './spec.js';
import type { SourceTable, SyncStatement, SyncTemplate } from './sync-steps.js';
import { addTableStatements } from './table-sql.js';
import { addKpiStatements } from './kpi-sql.js';

/** Renders every statement of a sync plan, in the order a run uses them. Pure. */
export function renderSync(spec: SyncSpec, sources: SourceTable[]): SyncStatement[] {
  const statements: SyncStatement[] = [];
  // A KPI view carries its definition as COMMENT, so a run can tell a view made from another one.
  const add = ({ step, file, role, template, fields }: Statement<SyncTemplate>) => {
    const sql = renderStep('sync', { type: template, ...fields });
    // The view built beside a KPI carries the definition of the KPI it becomes.
    const definition = fields.definition as string | undefined;
    if (definition)
      statements.push({ step, file, role, sql: `${sql.trimEnd()}\nCOMMENT ${quoteString(definition)}\n` });
    else statements.push({ step, file, role, ...(template === 'create_kpi' ? withDefinition(step, sql) : { sql }) });
  };
  add({
    step: 'create_database',
    file: '00_create_database.sql',
    role: "the targets' database, ENGINE = Atomic",
    template: 'create_database',
    fields: {
      database: spec.database,
      cluster: spec.cluster?.name ?? null,
    },
  });
  add({
    step: 'create_ledger',
    file: '01_create_ledger.sql',
    role: 'ledger table recording every load and publish (created if missing)',
    template: 'create_ledger',
    fields: { ledger: spec.ledger, cluster: spec.cluster?.name ?? null },
  });
  add({
    step: 'migrate_ledger',
    file: '01_migrate_ledger.sql',
    role: 'adds the columns a ledger created by an older chplan lacks (chunk_key, source_version, unit, note, cursor) and keeps lease heartbeats 7 days',
    template: 'migrate_ledger',
    fields: { ledger: spec.ledger, cluster: spec.cluster?.name ?? null },
  });
  add({
    step: 'append_ledger',
    file: '01_append_ledger.sql',
    role: 'appends a load, a publish or the lease to the ledger (every ledger row)',
    template: 'append_ledger',
    fields: { ledger: spec.ledger },
  });
  for (const source of sources) addTableStatements(spec, source, add);
  const definitionOf = (step: string) => statements.find((s) => s.step === step)!.object!.definition;
  for (const kpi of spec.kpis) addKpiStatements(spec, sources, kpi, add, definitionOf);
  return numberInOrder(statements);
}
