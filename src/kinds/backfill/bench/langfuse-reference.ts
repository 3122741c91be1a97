import { readFileSync } from 'node:fs';
import type { Engine } from '../../../engine/engine.js';
import { packagePath } from '../../../core/package-path.js';

const DIR = 'vendor/langfuse/backfill';
const sql = (file: string) => readFileSync(packagePath(`${DIR}/${file}`), 'utf8');

/**
 * Langfuse's own events backfill for one partition, with its own SQL (vendored, run as its
 * background migrations run it, on Langfuse's tables in `default`): root spans from traces,
 * observations copied into the (project_id, trace_id, id)-sorted scratch table, that table's
 * parts merged (what its background merges do before step 3 reads it; OPTIMIZE … FINAL here,
 * unless `mergeScratch` is off, as when timing Langfuse's statements alone), then one INSERT
 * per part joining traces. events_core fills through Langfuse's own materialized view.
 */
export async function langfuseBackfill(
  engine: Engine,
  partition: string,
  options: { mergeScratch: boolean } = { mergeScratch: true },
): Promise<void> {
  const params = { partition };
  await engine.command(sql('1_create_root_spans_from_traces.sql'), { params, step: 'langfuse root spans' });
  await engine.command(sql('2_create_observations_pid_tid_sorting.sql'), { step: 'langfuse scratch table' });
  await engine.command('TRUNCATE TABLE default.observations_pid_tid_sorting');
  await engine.command(sql('3_rewrite_observations_to_pid_tid_sorting.sql'), {
    params,
    step: 'langfuse rewrite observations',
  });
  if (options.mergeScratch)
    await engine.command('OPTIMIZE TABLE default.observations_pid_tid_sorting PARTITION ID {partition:String} FINAL', {
      params,
      step: 'langfuse merge scratch table',
    });
  const parts = await engine.rows<{ name: string }>(
    "SELECT name FROM system.parts WHERE database = 'default' AND table = 'observations_pid_tid_sorting' AND active AND partition_id = {partition:String} ORDER BY name",
    { params },
  );
  for (const part of parts)
    await engine.command(sql('4_backfill_events_full_from_observations.sql'), {
      params: { partition, partId: part.name },
      step: 'langfuse events from observations',
    });
}
