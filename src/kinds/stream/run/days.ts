import { chunksOfDay, daysBetween, dayWindow } from '../../../core/windows.js';
import type { Unit } from '../../../execute/run-plan.js';

/** A rebuild's units: each UTC day, in one chunk (an aggregate's partition is a day). */
export function dayUnitsOf(days: string[]): Unit[] {
  return days.map((day) => ({ day, label: day, whole: dayWindow(day, 'UTC'), windows: chunksOfDay(day, 'UTC', 'day') }));
}

export { daysBetween };
