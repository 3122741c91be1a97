import type { Engine } from '../../../engine/engine.js';
import { quoteTable } from '../../../core/quote.js';
import { dayWindow } from '../../../core/windows.js';
import type { BackfillPlan } from '../plan/plan.js';

type Row = Record<string, unknown>;

const TRACE_FIELDS = [
  'name',
  'user_id',
  'session_id',
  'release',
  'version',
  'tags',
  'public',
  'bookmarked',
  'metadata',
];

/**
 * What the seed's Python script does, in Node: load every trace of the partition into a map
 * (the latest version of each), stream the observations block by block (a day at a time),
 * enrich each with its trace and insert the events in batches of 10,000. Like the seed it
 * neither deduplicates observation versions nor resumes. Returns the observation rows processed.
 */
export async function clientSideBackfill(
  engine: Engine,
  plan: BackfillPlan,
  partition: string,
  limit: number,
  into: string,
): Promise<number> {
  const m = plan.manifest;
  const month = `${partition.slice(0, 4)}-${partition.slice(4)}`;
  const start = dayWindow(`${month}-01`, m.timeZone).start;
  const next =
    Number(partition.slice(4)) === 12
      ? `${Number(partition.slice(0, 4)) + 1}-01-01`
      : `${month.slice(0, 4)}-${String(Number(partition.slice(4)) + 1).padStart(2, '0')}-01`;
  const traces = new Map<string, Row>();
  const traceRows = await engine.rows<Row>(
    `SELECT project_id, id, ${TRACE_FIELDS.join(', ')}, is_deleted FROM ${quoteTable(m.tables.lookup)}
     WHERE timestamp >= {s:DateTime64(3, 'UTC')} AND timestamp < {e:DateTime64(3, 'UTC')}
     ORDER BY event_ts`,
    { params: { s: start, e: dayWindow(next, m.timeZone).start } },
  );
  for (const t of traceRows) {
    if (Number(t.is_deleted) === 1) traces.delete(`${String(t.project_id)}\u0000${String(t.id)}`);
    else traces.set(`${String(t.project_id)}\u0000${String(t.id)}`, t);
  }
  let processed = 0;
  for (let day = 1; processed < limit && day <= 31; day++) {
    const date = `${month}-${String(day).padStart(2, '0')}`;
    if (
      date.slice(0, 7) !== month ||
      Number.isNaN(Date.parse(date)) ||
      new Date(Date.parse(date)).toISOString().slice(0, 10) !== date
    )
      break;
    const w = dayWindow(date, m.timeZone);
    const observations = await engine.rows<Row>(
      `SELECT * EXCEPT (total_cost, tool_definitions, tool_calls, tool_call_names, usage_pricing_tier_id, usage_pricing_tier_name) FROM ${quoteTable(m.tables.source)} WHERE start_time >= {s:DateTime64(3, 'UTC')} AND start_time < {e:DateTime64(3, 'UTC')} LIMIT ${limit - processed}`,
      { params: { s: w.start, e: w.end } },
    );
    const events = observations.map((o) => {
      const t = traces.get(`${String(o.project_id)}\u0000${String(o.trace_id)}`);
      const metadata = { ...((t?.metadata as object) ?? {}), ...(o.metadata as object) };
      return {
        project_id: o.project_id,
        trace_id: o.trace_id,
        span_id: o.id,
        parent_span_id: o.parent_observation_id ?? '',
        start_time: o.start_time,
        end_time: o.end_time,
        name: o.name,
        type: o.type,
        environment: o.environment,
        version: o.version ?? t?.version ?? '',
        release: t?.release ?? '',
        trace_name: t?.name ?? '',
        user_id: t?.user_id ?? '',
        session_id: t?.session_id ?? '',
        tags: t?.tags ?? [],
        level: o.level,
        status_message: o.status_message ?? '',
        completion_start_time: o.completion_start_time,
        bookmarked: t?.bookmarked ?? false,
        public: t?.public ?? false,
        prompt_id: o.prompt_id ?? '',
        prompt_name: o.prompt_name ?? '',
        prompt_version: o.prompt_version,
        model_id: o.internal_model_id ?? '',
        provided_model_name: o.provided_model_name ?? '',
        model_parameters: o.model_parameters ?? '{}',
        provided_usage_details: o.provided_usage_details,
        usage_details: o.usage_details,
        provided_cost_details: o.provided_cost_details,
        cost_details: o.cost_details,
        input: o.input ?? '',
        output: o.output ?? '',
        metadata_names: Object.keys(metadata),
        metadata_values: Object.values(metadata),
        source: 'client-baseline',
        created_at: o.created_at,
        updated_at: o.updated_at,
        event_ts: o.event_ts,
        is_deleted: o.is_deleted,
      };
    });
    for (let i = 0; i < events.length; i += 10_000) {
      const body = events
        .slice(i, i + 10_000)
        .map((e) => JSON.stringify(e))
        .join('\n');
      await engine.command(
        `INSERT INTO ${into} SETTINGS date_time_input_format = 'best_effort' FORMAT JSONEachRow\n${body}`,
      );
    }
    processed += observations.length;
  }
  return processed;
}
