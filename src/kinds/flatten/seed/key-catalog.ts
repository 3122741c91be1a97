/**
 * The metric keys of the synthetic source: realistic names, a few hundred int keys and
 * about a hundred float keys spread over the metric maps, with a few keys shared
 * between maps of the same kind (as production has). Pure and deterministic.
 */

export interface SeedMap {
  column: string;
  kind: 'int' | 'float';
  keys: string[];
  /** Share of rows in which this map is non-empty, in 0..1. */
  presence: number;
}

const MAPS_PER_KIND = 15;
const THRESHOLD_METRICS = [
  'dns_lookup_time',
  'document_response_time',
  'connect_time',
  'first_paint',
  'dom_interactive',
  'page_load_time',
];
const THRESHOLDS = [1000, 3000, 5000, 10000];
const FLOAT_METRICS = [
  'dns_lookup',
  'tcp_connect',
  'tls_handshake',
  'ttfb',
  'first_paint',
  'first_contentful_paint',
  'largest_contentful_paint',
  'dom_interactive',
  'dom_complete',
  'page_load',
  'redirect',
  'request',
  'response',
  'unload',
  'app_cache',
  'resource_fetch',
  'script_eval',
  'style_recalc',
  'layout',
  'paint',
  'composite',
  'long_task',
  'input_delay',
  'interaction_to_next_paint',
  'time_to_interactive',
  'total_blocking',
  'server_timing',
  'service_worker',
  'prefetch',
  'preconnect',
  'image_decode',
  'font_load',
  'ad_load',
  'video_startup',
  'rebuffering',
];

function intKeys(map: number): string[] {
  if (map === 8) {
    return THRESHOLD_METRICS.flatMap((m) => THRESHOLDS.map((t) => `minute_of_${m}_morethan_${t}`));
  }
  const firstEvent = 28 + map + (map >= 6 ? 1 : 0);
  const events = [firstEvent, 60 + 2 * map, 61 + 2 * map];
  const keys = events.flatMap((e) =>
    [1, 2].flatMap((v) => ['failures', 'successes', 'attempts'].map((s) => `${e}_${v}_${s}`)),
  );
  if (map === 1) keys.push('page_views', 'sessions_started', 'error_count');
  if (map === 2) keys.push('error_count');
  if (map === 4 || map === 5 || map === 9) keys.push('retry_count');
  return keys;
}

function floatKeys(map: number): string[] {
  const metrics = [0, 1, 2].map((i) => FLOAT_METRICS[(3 * (map - 1) + i) % FLOAT_METRICS.length]!);
  const keys = metrics.flatMap((m) => [`${m}_time_ms_sum`, `${m}_time_ms_sq_sum`, `${m}_time_ms_max_sum`]);
  keys.push(map % 2 === 0 ? 'layout_shift_score_sum' : `sample_weight_${map}`);
  return keys;
}

/** The 15 int and 15 float maps of the production-like source, in column order. */
export function seedMaps(): SeedMap[] {
  const maps: SeedMap[] = [];
  for (const kind of ['int', 'float'] as const) {
    for (let n = 1; n <= MAPS_PER_KIND; n++) {
      maps.push({
        column: `${kind === 'int' ? 'metricIntGroup' : 'metricFloatGroup'}${n}`,
        kind,
        keys: kind === 'int' ? intKeys(n) : floatKeys(n),
        // Early groups are common, late ones rare: production maps are mostly empty.
        presence: Math.round((0.95 / Math.pow(n, 0.6)) * 1000) / 1000,
      });
    }
  }
  return maps;
}
