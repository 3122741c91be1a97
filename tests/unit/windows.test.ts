import { describe, expect, it } from 'vitest';
import { chunksOfDay, dayWindow, daysBetween, parseDay } from '../../src/core/windows.js';

describe('time windows', () => {
  it('rejects malformed and impossible dates with the flag name', () => {
    expect(() => parseDay('2025-13-01')).toThrow(/--day "2025-13-01" is not a date/);
    expect(() => parseDay('yesterday')).toThrow(/YYYY-MM-DD/);
    expect(() => parseDay('2025-02-29')).toThrow(/not a date/);
  });

  it('lists days inclusively and refuses reversed ranges', () => {
    expect(daysBetween('2025-10-30', '2025-11-02')).toEqual(['2025-10-30', '2025-10-31', '2025-11-01', '2025-11-02']);
    expect(() => daysBetween('2025-10-09', '2025-10-08')).toThrow(/before --day/);
  });

  it('computes UTC bounds of a day in a zone', () => {
    expect(dayWindow('2025-10-08', 'UTC')).toMatchObject({
      start: '2025-10-08 00:00:00.000',
      end: '2025-10-09 00:00:00.000',
      partition: '20251008',
    });
    expect(dayWindow('2025-10-08', 'Asia/Kolkata')).toMatchObject({
      start: '2025-10-07 18:30:00.000',
      end: '2025-10-08 18:30:00.000',
    });
  });

  it('gives 23 and 25 hour chunks on DST days, covering the day exactly', () => {
    const spring = chunksOfDay('2025-03-30', 'Europe/Berlin', 'hour');
    const autumn = chunksOfDay('2025-10-26', 'Europe/Berlin', 'hour');
    expect(spring).toHaveLength(23);
    expect(autumn).toHaveLength(25);
    expect(autumn[0]!.start).toBe('2025-10-25 22:00:00.000');
    expect(autumn.at(-1)!.end).toBe('2025-10-26 23:00:00.000');
    for (const list of [spring, autumn]) {
      list.slice(1).forEach((w, i) => expect(w.start).toBe(list[i]!.end));
    }
  });
});
