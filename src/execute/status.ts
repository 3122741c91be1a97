import type { Engine } from '../engine/engine.js';
import { formatTableRef } from '../config/settings.js';
import type { LoadedPlan } from '../plan/plan-dir.js';
import { dayFinished, latestByWindow, readLedger, type LedgerRow } from './ledger.js';

export interface DayStatus {
  day: string;
  published: boolean;
  chunks: { done: number; running: number; failed: number; aborted: number };
  rowsWritten: number;
  lastActivity: string;
}

export interface PlanStatus {
  days: DayStatus[];
  failures: { window: string; error: string }[];
}

/** Summarises ledger rows per day: latest state of each chunk window. Pure. */
export function summarizeLedger(rows: LedgerRow[]): PlanStatus {
  const chunks = [...latestByWindow(rows, 'chunk').values()];
  const days = [...new Set(rows.filter((r) => r.step !== 'lease').map((r) => r.day))].sort();
  return {
    days: days.map((day) => {
      const mine = chunks.filter((c) => c.day === day);
      const count = (status: string) => mine.filter((c) => c.status === status).length;
      const published = dayFinished(rows, day);
      const activity = rows.filter((r) => r.day === day).map((r) => r.finished_at).sort().at(-1) ?? '';
      return {
        day, published,
        chunks: { done: count('done'), running: count('running'), failed: count('failed'), aborted: count('aborted') },
        rowsWritten: mine.filter((c) => c.status === 'done').reduce((sum, c) => sum + Number(c.rows_written), 0),
        lastActivity: activity,
      };
    }),
    failures: chunks.filter((c) => c.status === 'failed').map((c) => ({ window: `${c.window_start} – ${c.window_end}${c.chunk_key ? ` ${c.chunk_key}` : ''}`, error: c.error })),
  };
}

export async function planStatus(engine: Engine, plan: LoadedPlan): Promise<PlanStatus> {
  const rows = await readLedger(engine, plan.manifest.tables.ledger, formatTableRef(plan.manifest.tables.target), plan.manifest.planHash);
  return summarizeLedger(rows);
}
