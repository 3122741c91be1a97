import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { readPlanDir, type LoadedPlan } from '../../../plan/plan-dir.js';
import { PLAN_FILES } from '../compile/compile-plan.js';
import type { Mapping } from '../mapping/mapping.js';
import { parseMapping } from '../mapping/mapping-file.js';
import type { Manifest } from './manifest.js';

/** A flatten plan read back from disk: its verified files and the mapping it was compiled from. */
export type FlattenPlan = LoadedPlan<Manifest> & { mapping: Mapping };

/** Reads and verifies a flatten plan directory (see readPlanDir). */
export function readPlan(dir: string): FlattenPlan {
  const plan = readPlanDir<Manifest>(dir, 'flatten', PLAN_FILES);
  const mapping = parseMapping(readFileSync(join(plan.dir, 'mapping.json'), 'utf8'), join(dir, 'mapping.json'));
  return { ...plan, mapping };
}
