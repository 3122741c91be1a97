import { existsSync, readFileSync } from 'node:fs';
import { parse as parseDotenv } from 'dotenv';
import { ConfigError } from '../core/errors.js';
import { DEFAULT_SETTINGS, parseTableRef, type Settings, type TableRef } from './settings.js';
import { schemaErrors } from './validate-json.js';
import { parseChunk } from '../core/windows.js';
import { packagePath } from '../core/package-path.js';

const CONFIG_SCHEMA = JSON.parse(readFileSync(packagePath('schemas/config.schema.json'), 'utf8')) as object;

/** Settings that may come from flags; undefined means "not given". */
export type SettingsOverrides = Partial<Omit<Settings, 'source' | 'target'>> & { source?: string; target?: string };

/**
 * Resolves settings with the precedence flags > environment (and `.env`) > config file >
 * defaults. Every problem is a ConfigError naming the field and the source of the value.
 */
export function loadSettings(options: {
  flags?: SettingsOverrides;
  configFile?: string;
  env?: NodeJS.ProcessEnv;
  dotenvFile?: string;
}): Settings {
  const env = { ...readDotenv(options.dotenvFile ?? '.env'), ...(options.env ?? process.env) };
  const file = options.configFile ? readConfigFile(options.configFile) : {};
  const fromEnv = envOverrides(env);
  const flags = definedOnly(options.flags ?? {});
  const merged = {
    ...file,
    ...fromEnv,
    ...flags,
    insertSettings: { ...file.insertSettings, ...flags.insertSettings },
  } as SettingsOverrides;
  return finish(merged);
}

function finish(values: SettingsOverrides): Settings {
  const { source, target, ...rest } = values;
  const settings: Settings = {
    ...DEFAULT_SETTINGS,
    ...rest,
    source: source === undefined ? DEFAULT_SETTINGS.source : tableOrThrow('source', source),
    target: target === undefined ? DEFAULT_SETTINGS.target : tableOrThrow('target', target),
  };
  for (const field of ['intMapPattern', 'floatMapPattern'] as const) {
    try {
      new RegExp(settings[field]);
    } catch {
      throw new ConfigError(`${field} ${JSON.stringify(settings[field])} is not a valid regular expression.`);
    }
  }
  if (!/^Int(32|64)$|^UInt(32|64)$/.test(settings.intType)) {
    throw new ConfigError(
      `intType ${JSON.stringify(settings.intType)} is not supported; use Int32, Int64, UInt32 or UInt64.`,
    );
  }
  if (!/^Float(32|64)$/.test(settings.floatType)) {
    throw new ConfigError(`floatType ${JSON.stringify(settings.floatType)} is not supported; use Float32 or Float64.`);
  }
  for (const [name, value] of Object.entries(settings.insertSettings)) {
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name))
      throw new ConfigError(
        `Insert setting name ${JSON.stringify(name)} is not a ClickHouse setting name (letters, digits, underscores).`,
      );
    if (typeof value === 'number' && !Number.isFinite(value))
      throw new ConfigError(`Insert setting ${name} must be a finite number or a string.`);
    // The chunk insert's SELECT pins this to 0 (templates/flatten/insert_chunk.sql.hbs), which a user's value cannot
    // override: refused rather than ignored.
    if (name === 'any_join_distinct_right_table_keys' && !/^(0|false)$/i.test(String(value)))
      throw new ConfigError(
        `Insert setting any_join_distinct_right_table_keys=${value} is refused: the chunk insert joins each group to one of its source rows with an ANY join, which needs 0. With ${value}, every source row of a group would be joined and the group's sums added once per row. The insert keeps 0 whatever is set; remove the setting.`,
      );
  }
  try {
    parseChunk(settings.chunk);
  } catch {
    throw new ConfigError(
      `chunk ${JSON.stringify(settings.chunk)} is not a chunk size; use day, hour or minutes that divide a day (15m, 30m, 120m). Set it in the config file or with --chunk.`,
    );
  }
  if (settings.source.database === settings.target.database && settings.source.name === settings.target.name) {
    throw new ConfigError('source and target name the same table; the target must be a new table.');
  }
  return settings;
}

/** `db.table` (or `table`) as a TableRef; a ConfigError naming the field otherwise. */
export function tableOrThrow(field: string, text: string): TableRef {
  const table = parseTableRef(text);
  if (!table) throw new ConfigError(`${field} ${JSON.stringify(text)} is not a table name; use db.table.`);
  return table;
}

function readConfigFile(path: string): SettingsOverrides {
  if (!existsSync(path)) throw new ConfigError(`Config file ${path} does not exist.`);
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(path, 'utf8'));
  } catch (cause) {
    throw new ConfigError(
      `Config file ${path} is not valid JSON: ${(cause as Error).message}. Fix the syntax and retry.`,
      { cause },
    );
  }
  const errors = schemaErrors(CONFIG_SCHEMA, data);
  if (errors.length > 0) {
    throw new ConfigError(
      `Config file ${path} is invalid:\n  ${errors.join('\n  ')}\nSee schemas/config.schema.json for every field.`,
    );
  }
  const { $schema: _ignored, ...values } = data as Record<string, unknown>;
  return values as SettingsOverrides;
}

function readDotenv(path: string): Record<string, string> {
  return existsSync(path) ? parseDotenv(readFileSync(path)) : {};
}

function envOverrides(env: NodeJS.ProcessEnv): SettingsOverrides {
  return definedOnly({
    url: env.CLICKHOUSE_URL || undefined,
    user: env.CLICKHOUSE_USER || undefined,
    password: env.CLICKHOUSE_PASSWORD,
    database: env.CLICKHOUSE_DB || undefined,
    source: env.CHPLAN_SOURCE || undefined,
    target: env.CHPLAN_TARGET || undefined,
    dataDir: env.CHPLAN_DATA_DIR || undefined,
  });
}

function definedOnly<T extends object>(values: T): Partial<T> {
  return Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined)) as Partial<T>;
}
