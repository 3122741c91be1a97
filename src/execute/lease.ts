import { hostname } from 'node:os';
import { randomUUID } from 'node:crypto';
import type { Engine } from '../engine/engine.js';
import { SafetyError } from '../core/errors.js';
import { utcInstant } from '../core/windows.js';
import { appendLedger, NO_WINDOW, readLedger, takeoverOf, type LedgerRow, type LedgerTarget } from './ledger.js';

export interface Lease {
  runner: string;
  /** Runners this run took the target from with --force, and whether each looked alive. */
  takenOver: { runner: string; lastHeartbeat: string }[];
  /** Refreshes the lease; throws if another runner took the target over meanwhile. */
  heartbeat(): Promise<void>;
  release(): Promise<void>;
}

export function newRunnerId(): string {
  return `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
}

/**
 * False only when the runner certainly is dead: it ran on this host and its process is
 * gone (a killed run on the embedded engine leaves exactly such a lease behind).
 */
export function runnerMayBeAlive(runner: string): boolean {
  const [host, pid] = runner.split(':');
  if (host !== hostname() || !pid) return true;
  try {
    process.kill(Number(pid), 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Runners whose latest lease row says they hold the target and whose heartbeat is fresh, and that were never taken
 * over (a takeover is final, whatever the runner wrote after it).
 */
export function activeHolders(
  rows: LedgerRow[],
  now: number,
  staleAfterSec: number,
  mayBeAlive = runnerMayBeAlive,
): LedgerRow[] {
  const latest = new Map<string, LedgerRow>();
  const takenOver = new Set<string>();
  for (const row of rows.filter((r) => r.step === 'lease')) {
    latest.set(row.runner, row);
    if (row.status === 'taken_over') takenOver.add(row.runner);
  }
  return [...latest.values()]
    .filter(
      (r) =>
        r.status === 'held' &&
        !takenOver.has(r.runner) &&
        now - utcInstant(r.finished_at) < staleAfterSec * 1000 &&
        mayBeAlive(r.runner),
    )
    .sort((a, b) => a.started_at.localeCompare(b.started_at) || a.runner.localeCompare(b.runner));
}

/**
 * Takes the target's lease, refusing while another runner holds a fresh one. ClickHouse has
 * no compare-and-swap, so after writing its claim a runner re-reads and yields to the
 * earliest claim among live runners.
 */
export async function acquireLease(
  engine: Engine,
  ledger: LedgerTarget,
  target: string,
  options: { runner: string; force: boolean; staleAfterSec: number; planHash: string },
): Promise<Lease> {
  const rows = await readLedger(engine, ledger.table, target);
  const others = activeHolders(rows, Date.now(), options.staleAfterSec).filter((r) => r.runner !== options.runner);
  if (others.length > 0 && !options.force) {
    const holder = others[0]!;
    throw new SafetyError(
      `Another chplan run holds ${target}: runner ${holder.runner}, plan ${holder.plan_hash.slice(0, 12)}, last heartbeat ${holder.finished_at} UTC. Two runners on one target could publish over each other, so this run did nothing.\n` +
        `Wait for it to finish (chplan status shows progress). If that runner is dead, its lease expires ${options.staleAfterSec} s after its last heartbeat, or take it over now with --force.`,
    );
  }
  const acquiredAt = new Date();
  const leaseRow = {
    target,
    unit: '',
    window: NO_WINDOW,
    step: 'lease',
    attempt: 0,
    queryId: '',
    rowsRead: 0,
    rowsWritten: 0,
    startedAt: acquiredAt,
  } as const;
  let lastWrite = 0;
  const write = (status: 'held' | 'released') => {
    lastWrite = Date.now();
    return appendLedger(engine, ledger, {
      ...leaseRow,
      planHash: options.planHash,
      status,
      runner: options.runner,
      finishedAt: new Date(),
      note: options.force && others.length ? `taken over from ${others.map((o) => o.runner).join(', ')}` : '',
    });
  };
  // A heartbeat before every step checks for a takeover; it writes a row only as often as freshness needs.
  const refreshEveryMs = Math.min(10_000, (options.staleAfterSec * 1000) / 3);
  try {
    await write('held');
  } catch (error) {
    // The claim may have been written before the failure: withdraw it, or it would block every run until it goes stale.
    await write('released').catch(() => {});
    throw error;
  }
  if (options.force) {
    // The holders being taken over are void from now on, even if one comes back.
    for (const other of others) {
      await appendLedger(engine, ledger, {
        ...leaseRow,
        planHash: other.plan_hash,
        status: 'taken_over',
        runner: other.runner,
        finishedAt: new Date(),
        note: `taken over by ${options.runner} (--force)`,
      });
    }
  } else {
    const contenders = activeHolders(await readLedger(engine, ledger.table, target), Date.now(), options.staleAfterSec);
    const winner = contenders.find((r) => !others.some((o) => o.runner === r.runner));
    if (winner && winner.runner !== options.runner) {
      await write('released');
      throw new SafetyError(
        `Another chplan run (${winner.runner}) claimed ${target} at the same moment; this run yielded and did nothing. Retry when it has finished.`,
      );
    }
  }
  // Lease writes go one at a time, and none after the release: a heartbeat still in flight when
  // the run ends would otherwise land after the release and leave the target looking held.
  let released = false;
  let last: Promise<unknown> = Promise.resolve();
  const serial = <T>(step: () => Promise<T>): Promise<T> => {
    const next = last.then(step);
    last = next.catch(() => {});
    return next;
  };
  const heartbeat = () =>
    serial(async () => {
      if (released) return;
      // Runs before every chunk and publish: whether this runner was taken over, not the target's whole history.
      const takeover = await takeoverOf(engine, ledger.table, target, options.runner);
      if (takeover) {
        throw new SafetyError(
          `This run lost ${target}: ${takeover.note} at ${takeover.finished_at} UTC. It stopped before its next step and published nothing from here on; ` +
            'the runner that took over rebuilds staging itself. If that takeover was a mistake, let the other run finish and check chplan status.',
        );
      }
      if (!released && Date.now() - lastWrite >= refreshEveryMs) await write('held');
    });
  const release = () => {
    released = true;
    return serial(() => write('released'));
  };
  return {
    runner: options.runner,
    takenOver: others.map((o) => ({ runner: o.runner, lastHeartbeat: o.finished_at })),
    heartbeat,
    release,
  };
}
