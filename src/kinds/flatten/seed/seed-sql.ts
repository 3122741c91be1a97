import { quoteIdent, quoteString, quoteStringArray, quoteTable } from '../../../core/quote.js';
import type { TableRef } from '../../../config/settings.js';
import type { SeedMap } from './key-catalog.js';

/**
 * SQL that creates and fills the production-like source table server-side from
 * `numbers()`. Everything derives from hashes of (seed, day, row), so the same
 * arguments always give the same data. Pure: no client, no I/O.
 */

export interface SeedOptions {
  table: TableRef;
  day: string;
  rows: number;
  customers: number;
  seed: number;
  timeZone: string;
  maps: SeedMap[];
}

interface Dimension {
  name: string;
  type: string;
  /** Expression over `h`, a per-session hash, so dimensions are constant within a session. */
  expr: (h: string) => string;
}

const CURATED: Record<string, string[]> = {
  platform: ['Android', 'iOS', 'Web', 'Roku', 'AppleTV', 'FireTV', 'Tizen', 'WebOS'],
  countryIso: ['US', 'DE', 'IN', 'BR', 'GB', 'FR', 'JP', 'MX', 'CA', 'ES', 'IT', 'AU'],
  deviceName: [
    'iPhone 15',
    'Pixel 8',
    'Galaxy S24',
    'Chrome Desktop',
    'Roku Ultra',
    'Fire TV Stick',
    'iPad Air',
    'Bravia XR',
  ],
  browserName: ['Chrome', 'Safari', 'Firefox', 'Edge', 'Samsung Internet', 'Opera'],
  osName: ['Android', 'iOS', 'Windows', 'macOS', 'Linux', 'Tizen', 'Roku OS'],
  connectionType: ['wifi', 'cellular', 'ethernet', 'unknown'],
};

const GENERATED_LOW_CARDINALITY: [string, number][] = [
  ['deviceType', 6],
  ['deviceManufacturer', 20],
  ['deviceModel', 60],
  ['osVersion', 25],
  ['browserVersion', 40],
  ['appName', 8],
  ['appVersion', 30],
  ['sdkVersion', 12],
  ['isp', 50],
  ['cityName', 200],
  ['regionName', 60],
  ['postalCode', 300],
  ['pageType', 10],
  ['pageName', 80],
  ['referrerDomain', 40],
  ['cdnName', 5],
  ['playerName', 6],
  ['contentType', 4],
  ['language', 20],
  ['timezoneName', 24],
  ['userAgentFamily', 15],
  ['networkType', 5],
  ['carrier', 30],
  ['screenResolution', 12],
  ['ipVersion', 2],
  ['cdnPop', 40],
  ['streamProtocol', 4],
  ['drmType', 4],
  ['adSdk', 5],
  ['consentState', 3],
  ['subscriptionTier', 4],
  ['marketingChannel', 9],
  ['campaignId', 100],
  ['abTestVariant', 3],
];

function pick(values: string[], h: string, salt: number): string {
  return `${quoteStringArray(values)}[1 + intHash64(${h} + ${salt}) % ${values.length}]`;
}

function dimensions(): Dimension[] {
  let salt = 1;
  const dims: Dimension[] = Object.entries(CURATED).map(([name, values]) => {
    const s = salt++;
    return { name, type: 'LowCardinality(String)', expr: (h) => pick(values, h, s) };
  });
  for (const [name, cardinality] of GENERATED_LOW_CARDINALITY) {
    const s = salt++;
    dims.push({
      name,
      type: 'LowCardinality(String)',
      expr: (h) => `concat(${quoteString(`${name}-`)}, toString(intHash64(${h} + ${s}) % ${cardinality}))`,
    });
  }
  dims.push(
    { name: 'asn', type: 'UInt32', expr: (h) => `toUInt32(1000 + intHash64(${h} + 101) % 500)` },
    { name: 'isBot', type: 'UInt8', expr: (h) => `toUInt8(intHash64(${h} + 102) % 100 = 0)` },
    { name: 'experimentBucket', type: 'UInt16', expr: (h) => `toUInt16(intHash64(${h} + 103) % 100)` },
    { name: 'screenWidth', type: 'UInt16', expr: (h) => `toUInt16(320 + intHash64(${h} + 104) % 3520)` },
  );
  return dims;
}

const TAG_GROUPS = 10;

/** Column list of the seeded source, in order: 90 columns with the default maps. */
export function seedColumns(maps: SeedMap[]): { name: string; type: string }[] {
  return [
    { name: 'timestampMs', type: 'DateTime64(3)' },
    { name: 'customerId', type: 'Int32' },
    { name: 'clientId', type: 'String' },
    { name: 'sessionId', type: 'UInt256' },
    ...dimensions().map(({ name, type }) => ({ name, type })),
    ...Array.from({ length: TAG_GROUPS }, (_, i) => ({ name: `tagGroup${i + 1}`, type: 'Map(String, String)' })),
    { name: 'flowId', type: 'String' },
    { name: 'flowStartTimeMs', type: 'DateTime64(3)' },
    ...maps.map((m) => ({ name: m.column, type: m.kind === 'int' ? 'Map(String, Int64)' : 'Map(String, Float64)' })),
  ];
}

export function createSourceSql(options: Pick<SeedOptions, 'table' | 'maps' | 'timeZone'>): string {
  const columns = seedColumns(options.maps).map((c) => `    ${quoteIdent(c.name)} ${c.type}`);
  return [
    `CREATE TABLE IF NOT EXISTS ${quoteTable(options.table)}`,
    '(',
    columns.join(',\n'),
    ')',
    'ENGINE = MergeTree',
    `PARTITION BY toYYYYMMDD(timestampMs, ${quoteString(options.timeZone)})`,
    'ORDER BY (customerId, clientId, sessionId, timestampMs)',
  ].join('\n');
}

/** Rows per session; with three minutes per session this gives ~2 rows per target group. */
const ROWS_PER_SESSION = 6;

export function insertSeedSql(options: SeedOptions): string {
  const { day, rows, customers, seed, timeZone, maps } = options;
  const sessions = Math.max(1, Math.floor(rows / ROWS_PER_SESSION));
  const salt = `${seed}, ${quoteString(day)}`;
  const mapIndexes = maps.map((map, i) => {
    const m = i + 1;
    const presence = Math.round(map.presence * 1000);
    // Up to four distinct keys per row, drawn with a power-law skew towards the first keys.
    return `arrayDistinct(arrayMap(j -> toUInt32(1 + floor(${map.keys.length} * pow((intHash64(hm${m} + j) % 1000000) / 1000000, 2.2))), range(if(hm${m} % 1000 < ${presence}, 1 + intDiv(hm${m}, 1000) % 4, 0)))) AS idx${m}`;
  });
  const mapHashes = maps.map((_, i) => `intHash64(hr + ${(i + 1) * 7919}) AS hm${i + 1}`);
  const mapValues = maps.map((map, i) => {
    const m = i + 1;
    const keys = `arrayMap(i -> ${quoteStringArray(map.keys)}[i], idx${m})`;
    const value =
      map.kind === 'int'
        ? `toInt64(intHash64(hm${m} + 100 + i) % 4 + if(intHash64(hm${m} + 300 + i) % 997 = 0, 5000, 0))`
        : `round((intHash64(hm${m} + 200 + i) % 3000000) / 1000, 3)`;
    return `mapFromArrays(${keys}, arrayMap(i -> ${value}, idx${m})) AS ${quoteIdent(map.column)}`;
  });
  const dims = dimensions().map((d) => `${d.expr('hs')} AS ${quoteIdent(d.name)}`);
  const tags = Array.from(
    { length: TAG_GROUPS },
    (_, i) => `map('tag${i + 1}', toString(intHash64(hs + ${i + 500}) % 7)) AS ${quoteIdent(`tagGroup${i + 1}`)}`,
  );
  const dayStart = `toDateTime64(${quoteString(`${day} 00:00:00`)}, 3, ${quoteString(timeZone)})`;
  const columns = seedColumns(maps)
    .map((c) => quoteIdent(c.name))
    .join(', ');
  return `INSERT INTO ${quoteTable(options.table)} (${columns})
SELECT
    addMilliseconds(${dayStart}, ((hs % 1437) + hr % 3) * 60000 + intDiv(hr, 7) % 60000) AS timestampMs,
    toInt32(1 + cityHash64(${salt}, 'customer', intDiv(s, 2)) % ${customers}) AS customerId,
    concat('c', lower(hex(cityHash64(${salt}, 'client', intDiv(s, 2))))) AS clientId,
    bitShiftLeft(toUInt256(cityHash64(${salt}, 'session', s)), 64) + cityHash64(${salt}, 'session2', s) AS sessionId,
    ${dims.join(',\n    ')},
    ${tags.join(',\n    ')},
    lower(hex(cityHash64(${salt}, 'flow', n))) AS flowId,
    addMilliseconds(timestampMs, -toInt64(hr % 600000)) AS flowStartTimeMs,
    ${mapValues.join(',\n    ')}
FROM
(
    SELECT
        n, s, hs, hr,
        ${mapHashes.join(',\n        ')},
        ${mapIndexes.join(',\n        ')}
    FROM
    (
        SELECT number AS n, number % ${sessions} AS s, cityHash64(${salt}, 'session-hash', s) AS hs, cityHash64(${salt}, 'row', number) AS hr
        FROM numbers(${rows})
    )
)`;
}
