import type { Options } from 'yargs';
import { ConfigError } from '../core/errors.js';
import { readSpecFile } from '../config/spec-file.js';
import { readManifest, type LoadedPlan } from '../plan/plan-dir.js';
import { KINDS } from './kinds.js';
import type { PlanKind, Seeder } from '../kinds/kind.js';

/** The kind called `name`; says which exist when there is none. */
export function kindNamed(name: string, where: string): PlanKind {
  const kind = KINDS.find((k) => k.name === name);
  if (!kind)
    throw new ConfigError(
      `${where} names kind ${JSON.stringify(name)}, which chplan does not know; kinds: ${KINDS.map((k) => k.name).join(', ')}.`,
    );
  return kind;
}

/** Reads and verifies a plan directory of whatever kind its manifest names. */
export function readAnyPlan(dir: string): { kind: PlanKind; plan: LoadedPlan } {
  const kind = kindNamed(readManifest(dir).kind, `${dir}/manifest.json`);
  return { kind, plan: kind.readPlan(dir) };
}

/** The kind a spec file is for (its "kind" field); the spec itself is the kind's to check. */
export function kindOfSpec(path: string): PlanKind {
  const spec = readSpecFile(path);
  const name = (spec as { kind?: unknown } | null)?.kind;
  if (typeof name !== 'string')
    throw new ConfigError(
      `Spec file ${path} has no "kind" (one of ${KINDS.map((k) => k.name).join(', ')}); nothing was compiled.`,
    );
  return kindNamed(name, `Spec file ${path}`);
}

/** Every seedable data set, by name, over all kinds. */
export function allSeeders(): Map<string, Seeder> {
  return new Map(KINDS.flatMap((k) => Object.entries(k.seeders ?? {})));
}

/** The flags `compile` takes from all kinds together. */
export function compileOptions(): Record<string, Options> {
  return Object.assign({}, ...KINDS.map((k) => k.compileOptions ?? {}));
}

/** The flags `run` takes from all kinds together. */
export function runOptions(): Record<string, Options> {
  return Object.assign({}, ...KINDS.map((k) => k.runOptions ?? {}));
}

/** The kind's own `run` flags among the arguments; a flag only other kinds read is refused: nothing would read it. */
export function kindRunFlags(kind: PlanKind, args: Record<string, unknown>): Record<string, unknown> {
  const own: Record<string, unknown> = {};
  for (const other of KINDS) {
    for (const flag of Object.keys(other.runOptions ?? {})) {
      if (args[flag] === undefined) continue;
      if (other !== kind && !(flag in (kind.runOptions ?? {})))
        throw new ConfigError(
          `--${flag} is a flag of ${other.name} plans; this is a ${kind.name} plan, which does not read it. Nothing was run.`,
        );
      own[flag] = args[flag];
    }
  }
  return own;
}
