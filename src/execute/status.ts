import type { Engine } from '../engine/engine.js';
import type { LoadedPlan } from '../plan/plan-dir.js';
import { latestByWindow, readLedger, type LedgerRow } from './ledger.js';

export interface UnitStatus {
  /** The unit's key in the ledger (a day, a partition's first day, `aggregate/day`). */
  unit: string;
  /** The target holds a published copy of this unit (by this plan or an earlier one). */
  published: boolean;
  lastPublish: { plan: string; at: string; rows: number } | null;
  /**
   * The latest run of this plan over the unit has chunks after the last publish: in progress, failed or interrupted.
   */
  pending: boolean;
  /**
   * The latest run's chunks only: after the last publish when one is pending, else those that led to it (a resumed
   * run's kept chunks included).
   */
  chunks: { done: number; running: number; failed: number; aborted: number };
  rowsWritten: number;
  lastActivity: string;
}

export interface PlanStatus {
  units: UnitStatus[];
  failures: { window: string; error: string }[];
}

/**
 * Summarises a target's ledger per unit for one plan: the last publish (any plan's, since that
 * is what the target holds) and the chunks of this plan's latest run. Pure.
 */
export function summarizeLedger(rows: LedgerRow[], planHash: string): PlanStatus {
  const mine = rows.filter((r) => r.plan_hash === planHash);
  const units = [...new Set(mine.filter((r) => r.step !== 'lease').map((r) => r.unit))].sort();
  const failures: PlanStatus['failures'] = [];
  const statuses = units.map((unit) => {
    const publishes = rows.filter((r) => r.step === 'publish' && r.status === 'done' && r.unit === unit);
    const [previous, publish] = [publishes.at(-2), publishes.at(-1)];
    const chunkRows = mine.filter((r) => r.step === 'chunk' && r.unit === unit);
    const pending = chunkRows.some((c) => publish === undefined || c.finished_at > publish.finished_at);
    const inRun = (c: LedgerRow) =>
      pending
        ? publish === undefined || c.finished_at > publish.finished_at
        : c.finished_at <= publish!.finished_at && (previous === undefined || c.finished_at > previous.finished_at);
    const run = [...latestByWindow(chunkRows.filter(inRun), 'chunk').values()];
    const count = (status: string) => run.filter((c) => c.status === status).length;
    failures.push(
      ...run
        .filter((c) => c.status === 'failed')
        .map((c) => ({
          window: `${c.window_start} – ${c.window_end}${c.chunk_key ? ` ${c.chunk_key}` : ''}`,
          error: c.error,
        })),
    );
    return {
      unit,
      published: publish !== undefined,
      lastPublish: publish
        ? { plan: publish.plan_hash, at: publish.finished_at, rows: Number(publish.rows_written) }
        : null,
      pending,
      chunks: { done: count('done'), running: count('running'), failed: count('failed'), aborted: count('aborted') },
      rowsWritten: run.filter((c) => c.status === 'done').reduce((sum, c) => sum + Number(c.rows_written), 0),
      lastActivity:
        mine
          .filter((r) => r.unit === unit)
          .map((r) => r.finished_at)
          .sort()
          .at(-1) ?? '',
    };
  });
  return { units: statuses, failures };
}

/** The status of a plan's units, from its target's ledger. */
export async function planStatus(engine: Engine, plan: LoadedPlan): Promise<PlanStatus> {
  const rows = await readLedger(engine, plan.manifest.ledger.table, plan.manifest.ledger.scope);
  return summarizeLedger(rows, plan.manifest.planHash);
}
