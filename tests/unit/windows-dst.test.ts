import { describe, expect, it } from 'vitest';
import { chunksOfDay, dayExists, dayWindow } from '../../src/core/windows.js';

const instant = (text: string) => Date.parse(`${text.replace(' ', 'T')}Z`);

/** The local date of an instant in a zone, by Intl alone (independent of the code under test). */
function localDate(zone: string): (ms: number) => string {
  const format = new Intl.DateTimeFormat('en-CA', {
    timeZone: zone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  });
  return (ms) => format.format(new Date(ms));
}

/** Every instant 1990–2037 where the zone's UTC offset changes, to the second, found by Intl. */
function transitions(zone: string): number[] {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: zone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  });
  const offset = (ms: number) => {
    const p = Object.fromEntries(parts.formatToParts(new Date(ms)).map((x) => [x.type, Number(x.value)]));
    return Date.UTC(p.year!, p.month! - 1, p.day!, p.hour!, p.minute!, p.second!) - Math.floor(ms / 1000) * 1000;
  };
  const found: number[] = [];
  // Weekly steps: two offset changes of one zone less than a week apart would be missed.
  const step = 7 * 86_400_000;
  let before = offset(Date.UTC(1990, 0, 1));
  for (let t = Date.UTC(1990, 0, 1); t < Date.UTC(2038, 0, 1); t += step) {
    // Each week's end is the next week's start: one offset per step.
    const after = offset(t + step);
    const changed = before !== after;
    before = after;
    if (!changed) continue;
    let [lo, hi] = [t, t + step];
    while (hi - lo > 1000) {
      const mid = lo + Math.floor((hi - lo) / 2000) * 1000;
      if (offset(mid) === offset(lo)) lo = mid;
      else hi = mid;
    }
    found.push(hi);
  }
  return found;
}

describe('day windows in every time zone', () => {
  it('a day is exactly the instants whose local date is that day, around every offset change 1990–2037', () => {
    const problems: string[] = [];
    let days = 0;
    for (const zone of Intl.supportedValuesOf('timeZone')) {
      const dateOf = localDate(zone);
      for (const t of transitions(zone)) {
        for (const day of new Set([dateOf(t - 1), dateOf(t)])) {
          days++;
          const w = dayWindow(day, zone);
          const [start, end] = [instant(w.start), instant(w.end)];
          if (!dayExists(day, zone)) {
            if (start !== end) problems.push(`${zone} ${day}: a skipped date has a non-empty window`);
            continue;
          }
          if (dateOf(start - 1) >= day || dateOf(start) !== day || dateOf(end - 1) !== day || dateOf(end) <= day)
            problems.push(`${zone} ${day}: [${w.start}, ${w.end})`);
          for (const chunk of ['hour', '15m'] as const) {
            const chunks = chunksOfDay(day, zone, chunk);
            if (
              chunks[0]!.start !== w.start ||
              chunks.at(-1)!.end !== w.end ||
              chunks.some((c, i) => i > 0 && c.start !== chunks[i - 1]!.end)
            ) {
              problems.push(`${zone} ${day}: ${chunk} chunks do not tile the day`);
            }
          }
        }
      }
      if (problems.length > 20) break;
    }
    expect(problems).toEqual([]);
    expect(days).toBeGreaterThan(5_000);
  });

  it('handles the days the issue names', () => {
    expect(dayWindow('2024-09-07', 'America/Santiago')).toMatchObject({
      start: '2024-09-07 04:00:00.000',
      end: '2024-09-08 04:00:00.000',
    });
    expect(chunksOfDay('2024-09-08', 'America/Santiago', 'hour')).toHaveLength(23);
    expect(dayWindow('2024-03-10', 'America/Havana')).toMatchObject({
      start: '2024-03-10 05:00:00.000',
      end: '2024-03-11 04:00:00.000',
    });
    expect(dayWindow('2011-12-29', 'Pacific/Apia')).toMatchObject({
      start: '2011-12-29 10:00:00.000',
      end: '2011-12-30 10:00:00.000',
    });
    expect(dayExists('2011-12-30', 'Pacific/Apia')).toBe(false);
    expect(chunksOfDay('2011-12-30', 'Pacific/Apia', 'hour')).toHaveLength(0);
  });
});
