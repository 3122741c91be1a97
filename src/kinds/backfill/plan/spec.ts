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
  /**
   * Traces whose (project_id, trace_id) this table holds are left out (Langfuse: dataset runs); null keeps every trace.
   */
  exclude: TableRef | null;
  publish: PublishMode;
  /** `auto`, `projects/N`, `day`, `hour` or `Nh`. */
  chunk: string;
  /** Off (Langfuse): an event's metadata is its observation's. On: the trace's, updated by the observation's. */
  mergeTraceMetadata: boolean;
  timeZone: string;
  /** The ClickHouse cluster the plan runs on (ON CLUSTER DDL, Replicated engines, a run per shard), or null. */
  cluster: string | null;
}

export const DEFAULT_SPEC: BackfillSpec = {
  kind: 'backfill',
  name: 'events_backfill',
  source: { database: 'default', name: 'observations' },
  lookup: { database: 'default', name: 'traces' },
  target: { database: 'default', name: 'events_full' },
  exclude: { database: 'default', name: 'dataset_run_items_rmt' },
  publish: 'replace',
  // Buckets of projects, as many as the partition's rows need (run/run-backfill autoChunk).
  chunk: 'auto',
  mergeTraceMetadata: false,
  timeZone: 'UTC',
  cluster: null,
};

/** Spec fields of earlier chplan versions that Langfuse's own rules replaced, with what to do. */
const RETIRED: Record<string, string> = {
  lookupMarginHours:
    "an observation now takes its trace from the same monthly partition, as Langfuse's backfill does; remove the field",
  enrich: "the event columns are now exactly the ones Langfuse's backfill writes; remove the field",
};

/** Flags that override a spec's fields (the CLI's --source, --lookup, …). */
export interface SpecOverrides {
  source?: string;
  lookup?: string;
  target?: string;
  publish?: string;
  chunk?: string;
  cluster?: string;
}

/**
 * A spec from a JSON file (or none) with flags on top, checked against schemas/backfill.schema.json.
 * Says which field is wrong and what to do; nothing has run when it throws.
 */
export function loadSpec(path: string | undefined, flags: SpecOverrides = {}): BackfillSpec {
  const raw: Record<string, unknown> = path === undefined ? { kind: 'backfill' } : readSpecFile(path);
  for (const [field, advice] of Object.entries(RETIRED)) {
    if (field in raw)
      throw new ConfigError(
        `The backfill spec${path ? ` ${path}` : ''} sets "${field}", which chplan no longer takes: ${advice}. Nothing was compiled.`,
      );
  }
  const merged = { ...raw, ...Object.fromEntries(Object.entries(flags).filter(([, v]) => v !== undefined)) };
  const errors = schemaErrors(SCHEMA, merged);
  // A value given as a flag is the flag's fault, not the spec's.
  const given = Object.keys(flags).filter((k) => flags[k as keyof SpecOverrides] !== undefined);
  for (const error of errors) {
    const field = given.find((k) => error.startsWith(`/${k} `));
    if (field === undefined) continue;
    const description = (SCHEMA as { properties: Record<string, { description?: string }> }).properties[field]
      ?.description;
    throw new ConfigError(
      `--${field} ${JSON.stringify(flags[field as keyof SpecOverrides])} is not valid (${error.slice(field.length + 2)}); nothing was compiled.${description ? ` --${field} takes the ${description}.` : ''}`,
    );
  }
  if (errors.length > 0) {
    throw new ConfigError(
      `The backfill spec${path ? ` ${path}` : ''} is invalid; nothing was compiled:\n  ${errors.join('\n  ')}\nSee schemas/backfill.schema.json.`,
    );
  }
  const spec = merged as Partial<Record<keyof BackfillSpec | 'excludeDatasetRuns', unknown>>;
  const hours = /^([0-9]+)h$/.exec(String(spec.chunk ?? ''));
  if (hours && 24 % Number(hours[1]) !== 0)
    throw new ConfigError(
      `chunk ${JSON.stringify(spec.chunk)} does not divide a day; use day, hour, or 2h, 3h, 4h, 6h, 8h, 12h.`,
    );
  const timeZone = (spec.timeZone as string | undefined) ?? DEFAULT_SPEC.timeZone;
  checkZone(timeZone);
  const source = spec.source ? tableOrThrow('source', spec.source as string) : DEFAULT_SPEC.source;
  return {
    kind: 'backfill',
    name: (spec.name as string | undefined) ?? DEFAULT_SPEC.name,
    source,
    lookup: spec.lookup ? tableOrThrow('lookup', spec.lookup as string) : DEFAULT_SPEC.lookup,
    target: spec.target ? tableOrThrow('target', spec.target as string) : DEFAULT_SPEC.target,
    // Langfuse keeps dataset_run_items_rmt beside observations.
    exclude:
      spec.excludeDatasetRuns === null
        ? null
        : spec.excludeDatasetRuns
          ? tableOrThrow('excludeDatasetRuns', spec.excludeDatasetRuns as string)
          : { database: source.database, name: 'dataset_run_items_rmt' },
    publish: (spec.publish as PublishMode | undefined) ?? DEFAULT_SPEC.publish,
    chunk: (spec.chunk as string | undefined) ?? DEFAULT_SPEC.chunk,
    mergeTraceMetadata: (spec.mergeTraceMetadata as boolean | undefined) ?? DEFAULT_SPEC.mergeTraceMetadata,
    timeZone,
    cluster: (spec.cluster as string | null | undefined) ?? DEFAULT_SPEC.cluster,
  };
}
