import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { ConfigError, SafetyError } from '../core/errors.js';
import { PLAN_FILES } from '../compile/compile-plan.js';
import type { StepType } from '../compile/steps.js';
import type { Mapping } from '../mapping/mapping.js';
import { parseMapping } from '../mapping/mapping-file.js';
import { contentHash, type Manifest } from './manifest.js';
import type { PlanFile } from './build-plan.js';

/** A plan read back from disk, its files verified against its manifest. */
export interface LoadedPlan {
  dir: string;
  name: string;
  manifest: Manifest;
  mapping: Mapping;
  sql: Partial<Record<StepType, string>>;
}

/**
 * Replaces `dir` with exactly `files`: written to a sibling directory first and swapped
 * in by rename, so an interrupted compile never leaves a half-written plan.
 */
export function writePlanDir(dir: string, files: PlanFile[]): void {
  const target = resolve(dir);
  const staging = join(dirname(target), `.${basename(target)}.tmp-${process.pid}`);
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true });
  for (const file of files) writeFileSync(join(staging, file.name), file.content);
  // A sign-off outlives a recompile, so `run --require-approval` can name what changed.
  const approval = join(target, 'APPROVAL.json');
  if (existsSync(approval)) copyFileSync(approval, join(staging, 'APPROVAL.json'));
  const previous = `${staging}-old`;
  if (existsSync(target)) renameSync(target, previous);
  renameSync(staging, target);
  rmSync(previous, { recursive: true, force: true });
}

/** Files whose bytes differ from the manifest (or are missing). */
export function changedFiles(dir: string, manifest: Manifest): string[] {
  return Object.entries(manifest.files)
    .filter(([name, hash]) => {
      const path = join(dir, name);
      return !existsSync(path) || contentHash(readFileSync(path, 'utf8')) !== hash;
    })
    .map(([name]) => name);
}

/** Reads and verifies a plan directory; refuses a plan whose files no longer match its manifest. */
export function readPlan(dir: string): LoadedPlan {
  const path = resolve(dir);
  const manifestPath = join(path, 'manifest.json');
  if (!existsSync(path)) throw new ConfigError(`Plan directory ${dir} does not exist. Create it with \`chplan compile --out ${dir}\`.`);
  if (!existsSync(manifestPath)) {
    throw new ConfigError(`${dir} is not a plan directory (no manifest.json; it holds: ${readdirSync(path).join(', ') || 'nothing'}). Recompile it with \`chplan compile --out ${dir}\`.`);
  }
  let manifest: Manifest;
  try {
    manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Manifest;
  } catch (cause) {
    throw new ConfigError(`${manifestPath} is not valid JSON. Recompile the plan with \`chplan compile --out ${dir}\`.`, { cause });
  }
  if (manifest.formatVersion !== 1 || manifest.kind !== 'flatten' || typeof manifest.files !== 'object') {
    throw new ConfigError(`${manifestPath} is not a chplan flatten manifest (formatVersion 1). Recompile the plan.`);
  }
  const changed = changedFiles(path, manifest);
  if (changed.length > 0) {
    throw new SafetyError(`Plan ${dir} does not match its manifest: ${changed.join(', ')} ${changed.length === 1 ? 'was' : 'were'} changed or removed after compile. Nothing was run. Recompile with \`chplan compile --out ${dir}\` (and have it reviewed again) instead of editing generated files.`);
  }
  const sql: Partial<Record<StepType, string>> = {};
  for (const [step, { file }] of Object.entries(PLAN_FILES) as [StepType, { file: string }][]) {
    const filePath = join(path, file);
    if (existsSync(filePath)) sql[step] = readFileSync(filePath, 'utf8');
  }
  const mapping = parseMapping(readFileSync(join(path, 'mapping.json'), 'utf8'), join(dir, 'mapping.json'));
  return { dir: path, name: basename(path), manifest, mapping, sql };
}

/** The SQL of one step; a plan compiled without it (e.g. no customer filter) has none. */
export function statementOf(plan: LoadedPlan, step: StepType): string {
  const sql = plan.sql[step];
  if (sql === undefined) throw new ConfigError(`Plan ${plan.dir} has no ${PLAN_FILES[step].file}; recompile it with this chplan version.`);
  return sql;
}
