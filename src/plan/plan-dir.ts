import {
  copyFileSync,
  existsSync,
  readFileSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { makeDirectory } from '../core/write-atomic.js';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { ConfigError, SafetyError } from '../core/errors.js';
import { shippedSchemaErrors } from '../config/validate-json.js';
import { contentHash, planHashOf, serializeManifest, type PlanManifest } from './manifest.js';

export interface PlanFile {
  name: string;
  content: string;
}

/** Where each step's statement lives in a plan directory, and what it is for (PLAN.md lists the roles). */
export type PlanFiles = Record<string, { file: string; role: string }>;

/**
 * Statements numbered in the order they were listed, which is the order a run uses them: within
 * each directory, `NN_<name>` in listing order, a numbered subdirectory taking the number of its
 * first statement's place, so a listing of the plan reads in execution order. A statement that
 * names another plan file (e.g. in a comment) names it as renumbered. Pure.
 */
export function numberInOrder<T extends { file: string; sql: string }>(statements: T[]): T[] {
  const counters = new Map<string, number>();
  const renamed = new Map<string, string>();
  const next = (parent: string) => {
    const n = (counters.get(parent) ?? 0) + 1;
    counters.set(parent, n);
    return String(n).padStart(2, '0');
  };
  const numbered = (path: string): string => {
    if (renamed.has(path)) return renamed.get(path)!;
    const cut = path.lastIndexOf('/');
    const parent = cut < 0 ? '' : numbered(path.slice(0, cut));
    const name = path.slice(cut + 1);
    const base = name.replace(/^\d+[a-z]?_/, '');
    const result = `${parent ? `${parent}/` : ''}${base === name ? name : `${next(parent)}_${base}`}`;
    renamed.set(path, result);
    return result;
  };
  const files = statements.map((s) => numbered(s.file));
  // Longest first, so a path is never replaced inside a longer one.
  const references = [...renamed]
    .filter(([from, to]) => from !== to && from.endsWith('.sql'))
    .sort((a, b) => b[0].length - a[0].length);
  return statements.map((s, i) => ({
    ...s,
    file: files[i]!,
    sql: references.reduce((sql, [from, to]) => sql.replaceAll(from, to), s.sql),
  }));
}

/**
 * Plan files named by the order a run uses them, `NN_<step>.sql`, so a listing of the plan
 * directory reads in execution order. Pure.
 */
export function inExecutionOrder<S extends string>(
  steps: readonly (readonly [S, string])[],
): Record<S, { file: string; role: string }> {
  const width = Math.max(2, String(steps.length).length);
  const files = steps.map(([step, role], i) => [
    step,
    { file: `${String(i + 1).padStart(width, '0')}_${step}.sql`, role },
  ]);
  return Object.fromEntries(files) as Record<S, { file: string; role: string }>;
}

/** A plan read back from disk, its files and manifest verified. */
export interface LoadedPlan<M extends PlanManifest = PlanManifest> {
  dir: string;
  name: string;
  manifest: M;
  /** SQL of each step the plan has, by step type. */
  sql: Record<string, string>;
}

/**
 * Replaces `dir` with exactly `files`: written to a sibling directory first and swapped
 * in by rename, so an interrupted compile never leaves a half-written plan.
 */
export function writePlanDir(dir: string, files: PlanFile[]): void {
  const target = resolve(dir);
  const staging = join(dirname(target), `.${basename(target)}.tmp-${process.pid}`);
  rmSync(staging, { recursive: true, force: true });
  makeDirectory(staging);
  for (const file of files) {
    // A plan may group a table's statements in a subdirectory (`impressions/05_load.sql`).
    makeDirectory(dirname(join(staging, file.name)));
    writeFileSync(join(staging, file.name), file.content);
  }
  // A sign-off outlives a recompile, so `run --require-approval` can name what changed.
  const approval = join(target, 'APPROVAL.json');
  if (existsSync(approval)) copyFileSync(approval, join(staging, 'APPROVAL.json'));
  const previous = `${staging}-old`;
  if (existsSync(target)) renameSync(target, previous);
  renameSync(staging, target);
  rmSync(previous, { recursive: true, force: true });
}

/** Files whose bytes differ from the manifest (or are missing). */
export function changedFiles(dir: string, manifest: PlanManifest): string[] {
  return Object.entries(manifest.files)
    .filter(([name, hash]) => {
      const path = join(dir, name);
      return !existsSync(path) || contentHash(readFileSync(path, 'utf8')) !== hash;
    })
    .map(([name]) => name);
}

/** Files in a plan directory that are neither in its manifest nor the manifest or sign-off themselves. */
export function unlistedFiles(dir: string, manifest: PlanManifest): string[] {
  const own = new Set(['manifest.json', 'APPROVAL.json']);
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => !entry.isDirectory())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)).split(sep).join('/'))
    .filter((name) => !own.has(name) && manifest.files[name] === undefined)
    .sort();
}

/** The manifest of a plan directory, parsed but not yet verified; says what to do when there is none. */
export function readManifest(dir: string): PlanManifest {
  const path = resolve(dir);
  const manifestPath = join(path, 'manifest.json');
  if (!existsSync(path))
    throw new ConfigError(`Plan directory ${dir} does not exist. Create it with \`chplan compile --out ${dir}\`.`);
  if (!statSync(path).isDirectory())
    throw new ConfigError(
      `${dir} is a file, not a plan directory. Pass the directory chplan compile wrote (e.g. generated-sql/<plan>).`,
    );
  if (!existsSync(manifestPath)) {
    throw new ConfigError(
      `${dir} is not a plan directory (no manifest.json; it holds: ${readdirSync(path).join(', ') || 'nothing'}). Recompile it with \`chplan compile --out ${dir}\`.`,
    );
  }
  let manifest: PlanManifest;
  try {
    manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as PlanManifest;
  } catch (cause) {
    throw new ConfigError(
      `${manifestPath} is not valid JSON. Recompile the plan with \`chplan compile --out ${dir}\`.`,
      { cause },
    );
  }
  const format = (manifest as { formatVersion?: unknown }).formatVersion;
  if (format === 1 || format === 2) {
    const why =
      format === 1
        ? "whose plan hash depended on the order of fields in chplan's code"
        : 'which gave every kind the fields of a day-by-day plan';
    throw new ConfigError(
      `Plan ${dir} was compiled by an older chplan (manifest format ${format}, ${why}). Nothing was run. ` +
        'Recompile it with this chplan (chplan compile, with the same spec or mapping) and have it approved again: its plan hash changes, so an earlier sign-off no longer applies.',
    );
  }
  const problems = shippedSchemaErrors('manifest', manifest);
  if (problems.length > 0) {
    throw new ConfigError(
      `${manifestPath} is not a chplan manifest (schemas/manifest.schema.json): ${problems.slice(0, 5).join('; ')}. Nothing was run. Recompile the plan with chplan compile.`,
    );
  }
  return manifest;
}

/**
 * Verifies a plan directory of any kind without reading its statements: every file must
 * match the manifest, and the manifest its own plan hash (an edited setting is as much a
 * change as an edited SQL file). Refuses anything else, having run nothing.
 */
export function verifyPlanDir(dir: string): { dir: string; manifest: PlanManifest } {
  const path = resolve(dir);
  const manifest = readManifest(dir);
  if (!planHashMatches(manifest)) {
    throw new SafetyError(
      `Plan ${dir}: manifest.json was edited after compile (its content no longer matches its plan hash ${String(manifest.planHash).slice(0, 16)}). Nothing was run. Recompile with chplan compile (and have it reviewed again) instead of editing generated files.`,
    );
  }
  const unlisted = unlistedFiles(path, manifest);
  if (unlisted.length > 0) {
    throw new SafetyError(
      `Plan ${dir} holds ${unlisted.length === 1 ? 'a file' : 'files'} its manifest does not list: ${unlisted.join(', ')}. Nothing was run. A plan is exactly what was compiled and reviewed: remove ${unlisted.length === 1 ? 'it' : 'them'}, or recompile with \`chplan compile --out ${dir}\` and have the plan reviewed again.`,
    );
  }
  const changed = changedFiles(path, manifest);
  if (changed.length > 0) {
    throw new SafetyError(
      `Plan ${dir} does not match its manifest: ${changed.join(', ')} ${changed.length === 1 ? 'was' : 'were'} changed or removed after compile. Nothing was run. Recompile with \`chplan compile --out ${dir}\` (and have it reviewed again) instead of editing generated files.`,
    );
  }
  return { dir: path, manifest };
}

/**
 * Reads and verifies a plan directory of one kind: every file must match the manifest, and
 * the manifest must match its own plan hash (an edited setting is as much a change as an
 * edited SQL file). Refuses anything else, having run nothing.
 */
export function readPlanDir<M extends PlanManifest>(dir: string, kind: string, planFiles: PlanFiles): LoadedPlan<M> {
  const { dir: path, manifest } = verifyPlanDir(dir);
  if (manifest.kind !== kind) throw new ConfigError(`${dir} is a ${manifest.kind} plan, not a ${kind} plan.`);
  const sql: Record<string, string> = {};
  for (const [step, { file }] of Object.entries(planFiles)) {
    if (manifest.files[file] !== undefined) sql[step] = readFileSync(join(path, file), 'utf8');
  }
  return { dir: path, name: basename(path), manifest: manifest as M, sql };
}

/** A compiled plan: every file of its directory, and its manifest (also among the files, as manifest.json). */
export interface SealedPlan<M extends PlanManifest = PlanManifest> {
  files: PlanFile[];
  manifest: M;
}

/**
 * Completes a plan's files with PLAN.md and manifest.json. PLAN.md quotes the plan hash, so
 * the hash covers every other file and every manifest field, and PLAN.md is derived from it
 * (planHashMatches checks the same way). Pure.
 */
export function sealPlan<M extends PlanManifest>(
  base: Omit<M, 'planHash' | 'files'>,
  files: PlanFile[],
  planMd: (planHash: string) => string,
): SealedPlan<M> {
  const hashes = Object.fromEntries(files.map((f) => [f.name, contentHash(f.content)]));
  const planHash = planHashOf<M>({ ...base, files: hashes } as Omit<M, 'planHash'>);
  const md = planMd(planHash);
  const manifest = { ...base, files: { ...hashes, 'PLAN.md': contentHash(md) }, planHash } as unknown as M;
  const all = [
    ...files,
    { name: 'PLAN.md', content: md },
    { name: 'manifest.json', content: serializeManifest(manifest) },
  ];
  return { files: all, manifest };
}

/**
 * Whether a manifest still hashes to its plan hash. PLAN.md quotes the plan hash, so the hash
 * covers every other file and every field, and PLAN.md is derived from them.
 */
export function planHashMatches(manifest: PlanManifest): boolean {
  const { planHash, files, ...rest } = manifest;
  const { 'PLAN.md': _derived, ...hashedFiles } = files;
  return planHashOf({ ...rest, files: hashedFiles } as Omit<PlanManifest, 'planHash'>) === planHash;
}

/** The SQL of one step; a plan compiled without it (e.g. no customer filter) has none. */
export function statementOf(plan: LoadedPlan, step: string): string {
  const sql = plan.sql[step];
  if (sql === undefined)
    throw new ConfigError(`Plan ${plan.dir} has no statement for step ${step}; recompile it with this chplan version.`);
  return sql;
}
