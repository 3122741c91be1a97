import Table from 'cli-table3';
import cliProgress from 'cli-progress';
import pc from 'picocolors';
import { ChplanError } from '../core/errors.js';
import { writeFileAtomic } from '../core/write-atomic.js';
import type { RunEvent } from '../execute/run-context.js';
import type { RunGroup, UnitSummary } from '../execute/run-plan.js';
import type { DayReport, ShardedValidation, ValidationReport } from '../validate/report.js';

const tty = process.stdout.isTTY === true;
// picocolors honours NO_COLOR, FORCE_COLOR and --no-color; beyond that, colours only on a terminal
// (it would also colour plain output whenever CI is set).
const colors = pc.createColors(pc.isColorSupported && (tty || 'FORCE_COLOR' in process.env));
export const { green, red, yellow, bold } = colors;

export function print(text = ''): void {
  process.stdout.write(`${text}\n`);
}

export function printJson(value: unknown): void {
  print(JSON.stringify(value, null, 2));
}

/** Column widths that fit `width` characters, narrowing the widest columns first; null when all fit. Pure. */
export function fitColumns(natural: number[], width: number): number[] | null {
  const frame = natural.length + 1;
  if (natural.reduce((a, b) => a + b, frame) <= width) return null;
  const widths = [...natural];
  while (widths.reduce((a, b) => a + b, frame) > width) {
    const widest = widths.indexOf(Math.max(...widths));
    if (widths[widest]! <= 12) break;
    widths[widest]! -= 1;
  }
  return widths;
}

const PIPED_WIDTH = 160;

export function table(head: string[], rows: (string | number)[][]): string {
  const cells = rows.map((r) => r.map(String));
  // On a terminal, long cells wrap inside their column instead of widening the table past the screen.
  const natural = head.map((h, i) => Math.max(h.length, ...cells.map((r) => r[i]?.length ?? 0)) + 2);
  // Piped output is read in files and pagers: it gets the width of a wide terminal.
  const widths = fitColumns(natural, (tty && process.stdout.columns) || PIPED_WIDTH);
  const t = new Table({
    head,
    style: { head: tty ? ['cyan'] : [], border: tty ? ['grey'] : [] },
    ...(widths ? { colWidths: widths, wordWrap: true, wrapOnWordBoundary: false } : {}),
  });
  t.push(...cells);
  return t.toString();
}

/** The same summary of a run for every kind: one row per unit (and shard, on a cluster). */
export function printRunSummary(results: RunGroup[]): void {
  const sharded = results.some((r) => r.shard !== null);
  const rows = results.flatMap((r) =>
    r.units.map((s) => [
      ...(sharded ? [r.shard ?? ''] : []),
      s.unit,
      s.status,
      s.rowsRead,
      s.rowsWritten,
      s.seconds.toFixed(1),
    ]),
  );
  print(table([...(sharded ? ['shard'] : []), 'unit', 'status', 'source rows', 'target rows', 'seconds'], rows));
}

/** How often a long stage says it is still at work. */
const STILL_WORKING_MS = 10_000;

/**
 * Prints each stage's name as it starts and how long the previous one took; a stage that runs
 * long says every 10 s that it still runs (one statement can take minutes on a large table).
 */
export function stagePrinter(quiet: boolean): { start: (name: string) => void; end: () => void } {
  let current: { name: string; at: number; ticker: NodeJS.Timeout } | null = null;
  const end = () => {
    if (current) {
      clearInterval(current.ticker);
      print(`  ${current.name} took ${((Date.now() - current.at) / 1000).toFixed(1)} s`);
    }
    current = null;
  };
  return {
    start: (name) => {
      end();
      if (quiet) return;
      print(bold(`» ${name}`));
      const at = Date.now();
      const ticker = setInterval(
        () => print(`  … ${name}: ${Math.round((Date.now() - at) / 1000)} s so far`),
        STILL_WORKING_MS,
      ).unref();
      current = { name, at, ticker };
    },
    end,
  };
}

/** One clear paragraph for a known failure; a stack trace only with --verbose. */
export function reportError(error: unknown, verbose: boolean): number {
  if (error instanceof ChplanError) {
    process.stderr.write(`${red('chplan:')} ${error.message}\n`);
    if (verbose && error.cause) process.stderr.write(`${String((error.cause as Error).stack ?? error.cause)}\n`);
    return error.exitCode;
  }
  process.stderr.write(
    `${red('chplan: unexpected error:')} ${error instanceof Error ? error.message : String(error)}\n`,
  );
  if (verbose && error instanceof Error) process.stderr.write(`${error.stack}\n`);
  else process.stderr.write('Run again with --verbose for the stack trace.\n');
  return 3;
}

/** Progress of a run: a bar on a terminal, one line per chunk otherwise. */
export function runProgress(json: boolean): { onEvent: (event: RunEvent) => void; stop: () => void } {
  let bar: cliProgress.SingleBar | null = null;
  let rows = 0;
  const started = Date.now();
  const onEvent = (event: RunEvent) => {
    if (json) return;
    switch (event.type) {
      case 'plan':
        if (tty) {
          bar = new cliProgress.SingleBar(
            {
              format: 'chunks {bar} {value}/{total} | {rate} rows/s | ETA {eta_formatted} | {label}',
              hideCursor: true,
            },
            cliProgress.Presets.shades_classic,
          );
          bar.start(event.chunks, 0, { rate: 0, label: '' });
        }
        return;
      case 'chunk_done': {
        rows += event.rowsRead;
        const rate = Math.round(rows / Math.max(0.001, (Date.now() - started) / 1000));
        if (bar) bar.increment(1, { rate, label: event.window.label });
        else
          print(
            `  ${event.window.label}: ${event.rowsRead} source rows → ${event.rowsWritten} target rows in ${event.seconds.toFixed(1)} s`,
          );
        return;
      }
      case 'warning':
        print(yellow(`  ${event.message}`));
        return;
      case 'lease_taken':
        for (const holder of event.from) {
          print(
            yellow(
              `  took the target over (--force) from runner ${holder.runner}, whose last heartbeat was ${holder.lastHeartbeat} UTC and whose process may still be alive: it stops before its next step.`,
            ),
          );
        }
        return;
      case 'unit_published':
        if (!bar) print(`  ${event.unit}: published ${event.rows} rows`);
        return;
      case 'unit_empty':
        print(yellow(`  ${event.unit}: ${event.reason}.`));
        return;
      case 'unit_skipped':
        print(`  ${event.unit}: skipped (${event.reason})`);
        return;
      case 'chunk_skipped':
        if (bar) bar.increment(1, { label: `${event.window.label} (kept)` });
        else print(`  ${event.window.label}: kept from the earlier run (${event.rowsWritten} rows in staging)`);
        return;
      case 'chunk_retry':
        print(
          yellow(
            `  ${event.window.label}: attempt ${event.attempt} failed (${event.reason}); retrying in ${(event.waitMs / 1000).toFixed(0)} s`,
          ),
        );
        return;
      case 'chunk_split':
        print(
          yellow(
            `  ${event.window.label}: out of memory; loading it as ${event.into.map((w) => w.label).join(' and ')}`,
          ),
        );
        return;
      case 'dry_run_chunk':
        print(
          `  ${event.window.label}: chunk_start=${event.window.start} chunk_end=${event.window.end} partition_id=${event.window.partition} ~${event.estimatedRows} source rows`,
        );
        return;
      default: {
        const unknown: never = event;
        throw new Error(`unknown run event ${JSON.stringify(unknown)}`);
      }
    }
  };
  return { onEvent, stop: () => bar?.stop() };
}

/** Each unit's checks as a table, then the first differences of each failed check. */
function printChecks(days: DayReport[]): void {
  const rows = days.flatMap((d) =>
    d.checks.map((c) => [
      d.day,
      c.name,
      c.status === 'pass' ? green('pass') : c.status === 'warn' ? yellow('warn') : red('FAIL'),
      c.detail,
    ]),
  );
  print(table(['unit', 'check', 'status', 'detail'], rows));
  for (const day of days) {
    for (const check of day.checks.filter((c) => c.status === 'fail' && c.problems?.length)) {
      print(red(`${day.day} ${check.name}: first differences`));
      for (const problem of check.problems!.slice(0, 10)) print(`  ${JSON.stringify(problem)}`);
    }
  }
}

export function printValidation(report: ValidationReport): void {
  printChecks(report.days);
  print(
    `${report.passed ? green('validation passed') : red('validation FAILED')}: ${report.successRate.toFixed(1)}% of checks passed (${report.source} → ${report.target})`,
  );
}

/**
 * How a one-shot workflow (compile → run → validate) ends: the report written where --report
 * asks, then JSON, or the plan, the units' summary and the validation; exit code 1 when it failed.
 */
export function finishWorkflow(
  args: { report?: string; json: boolean; validate?: boolean },
  result: { planDir: string; planHash: string; report: ValidationReport | null },
  units: UnitSummary[],
): void {
  if (args.json) printJson(result);
  else {
    print(`Plan: ${result.planDir} (plan hash ${result.planHash.slice(0, 16)})`);
    printRunSummary([{ shard: null, units }]);
    if (result.report) printValidation(result.report);
    else if (args.validate === false)
      print(yellow(`Not validated (--no-validate): chplan validate ${result.planDir} checks it.`));
  }
  if (result.report && !result.report.passed) process.exitCode = 1;
  if (args.report && result.report) writeFileAtomic(args.report, `${JSON.stringify(result.report, null, 2)}\n`);
}

/** Each shard's report, then the checks over all shards together. */
function printShardedValidation(result: ShardedValidation): void {
  for (const { shard, report } of result.shards) {
    print(bold(shard));
    printValidation(report);
  }
  print(bold('all shards'));
  printChecks(result.total);
  print(result.passed ? green('cluster validation passed') : red('cluster validation FAILED'));
}

/** A validation as a kind hands it to the CLI: whether it passed, its JSON, and how to print it. */
export function shownValidation(result: ValidationReport | ShardedValidation): {
  passed: boolean;
  json: ValidationReport | ShardedValidation;
  print: () => void;
} {
  return {
    passed: result.passed,
    json: result,
    print: () => ('shards' in result ? printShardedValidation(result) : printValidation(result)),
  };
}
