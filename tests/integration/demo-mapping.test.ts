import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_DAY } from '../../src/config/settings.js';
import { discoverMapping } from '../../src/kinds/flatten/workflows/discover-mapping.js';
import { serializeMapping } from '../../src/kinds/flatten/mapping/mapping-file.js';
import { seedDay } from '../../src/kinds/flatten/seed/seed.js';
import { openTestEngine, testSettings } from '../helpers/engine.js';

let ctx: Awaited<ReturnType<typeof openTestEngine>>;
beforeAll(async () => {
  ctx = await openTestEngine();
});
afterAll(async () => ctx.cleanup());

describe('committed demo mapping', () => {
  it('is byte-identical to discovery on the demo day (same data, same mapping.json)', async () => {
    const settings = testSettings();
    // Exactly what `npm run transform` seeds on an empty engine.
    await seedDay(ctx.engine, settings, { day: DEMO_DAY, rows: 200_000, customers: 5, seed: 1, replace: false });
    const first = await discoverMapping(ctx.engine, settings, { from: DEMO_DAY, out: join(ctx.dir, 'a.json') });
    const second = await discoverMapping(ctx.engine, settings, { from: DEMO_DAY, out: join(ctx.dir, 'b.json') });
    expect(readFileSync(join(ctx.dir, 'a.json'), 'utf8')).toBe(readFileSync(join(ctx.dir, 'b.json'), 'utf8'));
    expect(serializeMapping(first.mapping), 'mapping.json drifted: run npm run regenerate').toBe(
      readFileSync('mapping.json', 'utf8'),
    );
    expect(second.mapping.int.length).toBeGreaterThan(250);
    expect(second.mapping.float.length).toBeGreaterThan(90);
  });

  it('refuses to overwrite a seeded day without --replace', async () => {
    await expect(
      seedDay(ctx.engine, testSettings(), { day: DEMO_DAY, rows: 10, customers: 1, seed: 2, replace: false }),
    ).rejects.toThrow(/already has 200000 rows on 2025-10-08; nothing was changed. Pass --replace/);
  });
});
