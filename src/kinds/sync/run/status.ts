import type { Engine } from '../../../engine/engine.js';
import { readLedger, type LedgerRow } from '../../../execute/ledger.js';
import type { SyncPlan } from '../plan/plan.js';
import { tableOfRow, watermarkOfRow } from './load-window.js';

export interface TableStatus {
  table: string;
  /** Where the next load starts from (before the lookback): the upper bound of the last publish. */
  watermark: string | null;
  lastPublish: { at: string; rows: number; plan: string } | null;
  lastFailure: { at: string; error: string } | null;
}

/** Each table's watermark, last publish and last failure since it, from the ledger rows. Pure. */
export function summarizeTables(tables: string[], rows: LedgerRow[]): TableStatus[] {
  return tables.map((table) => {
    const mine = rows.filter((r) => r.step !== 'lease' && tableOfRow(r) === table);
    const publish = mine.filter((r) => r.step === 'publish' && r.status === 'done').at(-1);
    const failure = mine
      .filter((r) => r.status === 'failed' && (!publish || r.finished_at > publish.finished_at))
      .at(-1);
    return {
      table,
      watermark: publish ? watermarkOfRow(publish) : null,
      lastPublish: publish
        ? { at: publish.finished_at, rows: Number(publish.rows_written), plan: publish.plan_hash }
        : null,
      lastFailure: failure ? { at: failure.finished_at, error: failure.error } : null,
    };
  });
}

export async function syncStatus(engine: Engine, plan: SyncPlan): Promise<TableStatus[]> {
  const rows = await readLedger(engine, plan.manifest.ledger.table, plan.manifest.ledger.scope);
  return summarizeTables(
    plan.manifest.syncTables.map((t) => t.source),
    rows,
  );
}
