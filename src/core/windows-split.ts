import type { Window } from './windows.js';

function instant(text: string): number {
  return Date.parse(`${text.replace(' ', 'T')}Z`);
}

function text(ms: number): string {
  return new Date(ms).toISOString().replace('T', ' ').replace('Z', '');
}

/** Minutes in a window. */
export function windowMinutes(window: Window): number {
  return (instant(window.end) - instant(window.start)) / 60_000;
}

/**
 * Splits a window into two minute-aligned halves (for a chunk that ran out of memory);
 * null when it is a single minute and cannot be split.
 */
export function halveWindow(window: Window): [Window, Window] | null {
  const minutes = windowMinutes(window);
  if (minutes < 2) return null;
  const middle = instant(window.start) + Math.floor(minutes / 2) * 60_000;
  return [
    { ...window, end: text(middle), label: `${window.label} [${window.start.slice(11, 16)}–${text(middle).slice(11, 16)})` },
    { ...window, start: text(middle), label: `${window.label} [${text(middle).slice(11, 16)}–${window.end.slice(11, 16)})` },
  ];
}

/** Splits a window into consecutive windows of `minutes` (the last may be shorter). */
export function splitWindow(window: Window, minutes: number, label: (i: number, w: Window) => string): Window[] {
  const end = instant(window.end);
  const parts: Window[] = [];
  for (let t = instant(window.start), i = 0; t < end; t += minutes * 60_000, i++) {
    const part = { ...window, start: text(t), end: text(Math.min(end, t + minutes * 60_000)) };
    parts.push({ ...part, label: label(i, part) });
  }
  return parts;
}
