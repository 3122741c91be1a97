import { quoteIdent, quoteTable } from '../../../core/quote.js';
import { fillTableReferences } from '../../../core/table-references.js';
import { pgTableName, queryLines } from './pg-queries.js';
import type { KpiSpec, SyncSpec } from './spec.js';
import { kpiNextName, kpiStep, tablesOf, type AddSyncStatement, type SourceTable } from './sync-steps.js';

/**
 * Adds a KPI's statements: its refreshable view, its refresh and read, PostgreSQL's own answer, and the steps that
 * build a changed definition beside it and swap it in. `definitionOf` is the definition a created view carries.
 */
export function addKpiStatements(
  spec: SyncSpec,
  sources: SourceTable[],
  kpi: KpiSpec,
  add: AddSyncStatement,
  definitionOf: (step: string) => string,
): void {
  const collection = spec.source.collection;
  const pgTable = (source: string) => pgTableName(spec, source);
  const view = { database: spec.database, name: kpi.name };
  const common = {
    name: kpi.name,
    description: kpi.description,
    view,
    keyList: kpi.key.map(quoteIdent).join(', '),
    collection,
  };
  const file = (n: string, name: string) => `kpis/${kpi.name}/${n}_${name}.sql`;
  // On a cluster, a sharded table is read through its Distributed table; one loaded whole on every shard, locally.
  const select = fillTableReferences(kpi.clickhouse, (source) => {
    const table = sources.find((s) => s.spec.source === source)!.spec;
    const names = tablesOf(spec.database, table);
    return quoteTable(spec.cluster && table.sharded ? names.distributed : names.target);
  }).trim();
  add({
    step: kpiStep(kpi, 'create'),
    file: file('01', 'create'),
    role: 'KPI: refreshable materialized view over the deduplicated targets',
    template: 'create_kpi',
    fields: { ...common, select },
  });
  add({
    step: kpiStep(kpi, 'refresh'),
    file: file('02', 'refresh'),
    role: 'recomputes the KPI now',
    template: 'refresh_kpi',
    fields: common,
  });
  add({
    step: kpiStep(kpi, 'wait'),
    file: file('03', 'wait'),
    role: 'waits for the refresh to finish',
    template: 'wait_kpi',
    fields: common,
  });
  add({
    step: kpiStep(kpi, 'read'),
    file: file('04', 'read'),
    role: 'validation: the KPI as ClickHouse holds it',
    template: 'read_kpi',
    fields: common,
  });
  const query = fillTableReferences(kpi.postgres, pgTable).trim();
  add({
    step: kpiStep(kpi, 'postgres'),
    file: file('05', 'postgres'),
    role: 'validation: the same KPI computed by PostgreSQL',
    template: 'kpi_postgres',
    fields: { ...common, query, queryLines: queryLines(query) },
  });
  // A changed definition is built beside the view, refreshed, and swapped in only when that worked.
  const next = {
    ...common,
    view: { database: spec.database, name: kpiNextName(kpi.name) },
    next: { database: spec.database, name: kpiNextName(kpi.name) },
  };
  const definition = definitionOf(kpiStep(kpi, 'create'));
  add({
    step: kpiStep(kpi, 'drop_next'),
    file: file('06', 'drop_next'),
    role: 'a changed KPI: drops the new definition built beside it (after a failure, or the old one after the swap)',
    template: 'drop_kpi',
    fields: next,
  });
  add({
    step: kpiStep(kpi, 'create_next'),
    file: file('07', 'create_next'),
    role: 'a changed KPI: its new definition, built beside the view readers use',
    template: 'create_kpi',
    fields: { ...next, select, definition },
  });
  add({
    step: kpiStep(kpi, 'refresh_next'),
    file: file('08', 'refresh_next'),
    role: 'a changed KPI: computes the new definition',
    template: 'refresh_kpi',
    fields: next,
  });
  add({
    step: kpiStep(kpi, 'wait_next'),
    file: file('09', 'wait_next'),
    role: 'a changed KPI: waits for that refresh (fails if it failed)',
    template: 'wait_kpi',
    fields: next,
  });
  add({
    step: kpiStep(kpi, 'swap'),
    file: file('10', 'swap'),
    role: 'a changed KPI: swaps the refreshed new definition in, atomically',
    template: 'exchange_kpi',
    fields: { ...common, next: next.view },
  });
}
