import { readFileSync } from 'node:fs';
import { readSpecFile } from '../../../config/spec-file.js';
import type { TableRef } from '../../../config/settings.js';
import { tableOrThrow } from '../../../config/load.js';
import { schemaErrors } from '../../../config/validate-json.js';
import { ConfigError } from '../../../core/errors.js';
import { packagePath } from '../../../core/package-path.js';
import { checkZone } from '../../../core/windows.js';

const SCHEMA = JSON.parse(readFileSync(packagePath('schemas/backfill.schema.json'), 'utf8')) as object;

export type PublishMode = 'replace' | 'missing-only';

/** A backfill spec with every default filled in. */
export interface BackfillSpec {
  kind: 'backfill';
  name: string;
  source: TableRef;
  lookup: TableRef;
  target: TableRef;
  publish: PublishMode;
  /** `day`, `hour` or `Nh`. */
  chunk: string;
  lookupMarginHours: { before: number; after: number };
  /** Target column ← trace column. */
  enrich: Record<string, string>;
  mergeTraceMetadata: boolean;
  timeZone: string;
}

/** What Langfuse's own events backfill copies from a trace onto each of its observations. */
export const DEFAULT_ENRICH: Record<string, string> = {
  trace_name: 'name',
  user_id: 'user_id',
  session_id: 'session_id',
  release: 'release',
  tags: 'tags',
  public: 'public',
  bookmarked: 'bookmarked',
};

export const DEFAULT_SPEC: BackfillSpec = {
  kind: 'backfill',
  name: 'events_backfill',
  source: { database: 'default', name: 'observations' },
  lookup: { database: 'default', name: 'traces' },
  target: { database: 'default', name: 'events' },
  publish: 'replace',
  chunk: 'day',
  // A trace usually starts before its observations; two days covers long agent runs
  // and a month boundary, one hour covers clock skew the other way.
  lookupMarginHours: { before: 48, after: 1 },
  enrich: DEFAULT_ENRICH,
  mergeTraceMetadata: true,
  timeZone: 'UTC',
};

/** Flags that override a spec's fields (the CLI's --source, --lookup, …). */
export interface SpecOverrides {
  source?: string;
  lookup?: string;
  target?: string;
  publish?: string;
  chunk?: string;
}

/**
 * A spec from a JSON file (or none) with flags on top, checked against schemas/backfill.schema.json.
 * Says which field is wrong and what to do; nothing has run when it throws.
 */
export function loadSpec(path: string | undefined, flags: SpecOverrides = {}): BackfillSpec {
  const raw: Record<string, unknown> = path === undefined ? { kind: 'backfill' } : readSpecFile(path);
  const merged = { ...raw, ...Object.fromEntries(Object.entries(flags).filter(([, v]) => v !== undefined)) };
  const errors = schemaErrors(SCHEMA, merged);
  // A value given as a flag is the flag's fault, not the spec's.
  const given = Object.keys(flags).filter((k) => flags[k as keyof SpecOverrides] !== undefined);
  for (const error of errors) {
    const field = given.find((k) => error.startsWith(`/${k} `));
    if (field === undefined) continue;
    const description = (SCHEMA as { properties: Record<string, { description?: string }> }).properties[field]?.description;
    throw new ConfigError(`--${field} ${JSON.stringify(flags[field as keyof SpecOverrides])} is not valid (${error.slice(field.length + 2)}); nothing was compiled.${description ? ` --${field} takes the ${description}.` : ''}`);
  }
  if (errors.length > 0) {
    throw new ConfigError(`The backfill spec${path ? ` ${path}` : ''} is invalid; nothing was compiled:\n  ${errors.join('\n  ')}\nSee schemas/backfill.schema.json.`);
  }
  const spec = merged as Partial<Record<keyof BackfillSpec, unknown>>;
  const hours = /^([0-9]+)h$/.exec(String(spec.chunk ?? ''));
  if (hours && 24 % Number(hours[1]) !== 0) throw new ConfigError(`chunk ${JSON.stringify(spec.chunk)} does not divide a day; use day, hour, or 2h, 3h, 4h, 6h, 8h, 12h.`);
  const timeZone = (spec.timeZone as string | undefined) ?? DEFAULT_SPEC.timeZone;
  checkZone(timeZone);
  return {
    kind: 'backfill',
    name: (spec.name as string | undefined) ?? DEFAULT_SPEC.name,
    source: spec.source ? tableOrThrow('source', spec.source as string) : DEFAULT_SPEC.source,
    lookup: spec.lookup ? tableOrThrow('lookup', spec.lookup as string) : DEFAULT_SPEC.lookup,
    target: spec.target ? tableOrThrow('target', spec.target as string) : DEFAULT_SPEC.target,
    publish: (spec.publish as PublishMode | undefined) ?? DEFAULT_SPEC.publish,
    chunk: (spec.chunk as string | undefined) ?? DEFAULT_SPEC.chunk,
    lookupMarginHours: { ...DEFAULT_SPEC.lookupMarginHours, ...(spec.lookupMarginHours as object | undefined) },
    enrich: (spec.enrich as Record<string, string> | undefined) ?? DEFAULT_ENRICH,
    mergeTraceMetadata: (spec.mergeTraceMetadata as boolean | undefined) ?? DEFAULT_SPEC.mergeTraceMetadata,
    timeZone,
  };
}
