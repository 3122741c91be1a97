import { afterEach, describe, expect, it, vi } from 'vitest';
import { printValidation, stagePrinter, table } from '../../src/terminal/output.js';
import type { ValidationReport } from '../../src/validate/report.js';

const plain = (text: string) => text.replace(/\x1b\[[0-9;]*m/g, '');

/** What the function under test writes to stdout, line by line, colours removed. */
function captured(): string[] {
  const lines: string[] = [];
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    lines.push(
      ...plain(String(chunk))
        .split('\n')
        .filter((l) => l !== ''),
    );
    return true;
  });
  return lines;
}

describe('what a person reads', () => {
  afterEach(() => {
    vi.useRealTimers();
    vi.restoreAllMocks();
  });

  it('a long stage says every 10 s that it still runs, then how long it took, and nothing after', () => {
    vi.useFakeTimers();
    const lines = captured();
    const stages = stagePrinter(false);
    stages.start('load');
    vi.advanceTimersByTime(25_000);
    stages.end();
    vi.advanceTimersByTime(30_000);
    expect(lines).toEqual(['» load', '  … load: 10 s so far', '  … load: 20 s so far', '  load took 25.0 s']);
  });

  it('tables fit 160 columns when read in a file or pager, and validation names its first column unit', () => {
    const wide = table(['unit', 'detail'], [['202406', 'x'.repeat(400)]]);
    for (const line of wide.split('\n')) expect(plain(line).length).toBeLessThanOrEqual(160);
    const lines = captured();
    const report = {
      passed: true,
      successRate: 100,
      source: 's',
      target: 't',
      days: [{ day: 'dim_campaign', checks: [{ name: 'rows', status: 'pass', detail: 'equal' }] }],
    } as unknown as ValidationReport;
    printValidation(report);
    expect(lines.some((l) => /^│ unit\s+│ check\s+│ status │ detail/.test(l))).toBe(true);
  });
});
