import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { verifyPlanDir } from '../../src/plan/plan-dir.js';
import { tempDir } from '../helpers/temp.js';

const DEMO = 'generated-sql/eco_cross_page_preagg_pt1m';

/** A value of the same JSON shape that differs from `value`. */
function changed(value: unknown): unknown {
  if (typeof value === 'string') return `${value}x`;
  if (typeof value === 'number') return value + 1;
  if (typeof value === 'boolean') return !value;
  if (value === null) return 'x';
  if (Array.isArray(value)) return [...value, 'x'];
  return { ...(value as object), extra: 1 };
}

describe('the plan hash binds every manifest field', () => {
  const original = JSON.parse(readFileSync(join(DEMO, 'manifest.json'), 'utf8')) as Record<string, unknown>;
  const fields = Object.keys(original).filter((k) => k !== 'planHash' && k !== 'files');
  const root = tempDir('manifest');

  it('accepts the plan as compiled', () => {
    const dir = join(root, 'as-compiled');
    cpSync(DEMO, dir, { recursive: true });
    expect(verifyPlanDir(dir).manifest.planHash).toBe(original.planHash);
  });

  it.each(fields)('refuses a plan whose manifest field %s was edited', (field) => {
    const dir = join(root, field);
    cpSync(DEMO, dir, { recursive: true });
    writeFileSync(
      join(dir, 'manifest.json'),
      JSON.stringify({ ...original, [field]: changed(original[field]) }, null, 2),
    );
    expect(() => verifyPlanDir(dir)).toThrow(/manifest.json was edited after compile|is not a chplan manifest/);
  });
});

describe('the plan hash is over canonical JSON', () => {
  const original = JSON.parse(readFileSync(join(DEMO, 'manifest.json'), 'utf8')) as Record<string, unknown>;
  const root = tempDir('manifest-order');
  const reversed = (value: unknown): unknown =>
    Array.isArray(value)
      ? value.map(reversed)
      : value && typeof value === 'object'
        ? Object.fromEntries(
            Object.entries(value)
              .reverse()
              .map(([k, v]) => [k, reversed(v)]),
          )
        : value;

  it("does not depend on the order of the manifest's fields", () => {
    const dir = join(root, 'reordered');
    cpSync(DEMO, dir, { recursive: true });
    writeFileSync(join(dir, 'manifest.json'), JSON.stringify(reversed(original), null, 2));
    expect(verifyPlanDir(dir).manifest.planHash).toBe(original.planHash);
  });

  it('refuses a plan of manifest format 1 with what to do', () => {
    const dir = join(root, 'format-1');
    cpSync(DEMO, dir, { recursive: true });
    writeFileSync(join(dir, 'manifest.json'), JSON.stringify({ ...original, formatVersion: 1 }, null, 2));
    expect(() => verifyPlanDir(dir)).toThrow(
      /^Plan .* was compiled by an older chplan \(manifest format 1, .*\)\. Nothing was run\. Recompile it with this chplan .* and have it approved again/,
    );
  });
});
