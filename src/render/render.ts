import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type HandlebarsModule from 'handlebars';
import type { FormatOptionsWithLanguage } from 'sql-formatter';
import { commentSafe, quoteIdent, quoteString, quoteStringArray, quoteTable } from '../core/quote.js';
import { packagePath } from '../core/package-path.js';
import { ConfigError } from '../core/errors.js';

// Templates are read once from the package; rendering itself is pure string work.
const TEMPLATE_DIR = packagePath('templates/');

// Loaded on first use, so commands that render nothing start without them.
const require = createRequire(import.meta.url);
const handlebars = () => require('handlebars') as typeof HandlebarsModule;
const formatter = () => require('sql-formatter') as typeof import('sql-formatter');

type Registry = Map<string, HandlebarsModule.TemplateDelegate>;

function compileDir(hbs: typeof HandlebarsModule, dir: string, into: Registry): void {
  if (!existsSync(dir)) return;
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.sql.hbs'))) {
    into.set(
      file.replace(/\.sql\.hbs$/, ''),
      hbs.compile(readFileSync(`${dir}/${file}`, 'utf8'), { noEscape: true, strict: true }),
    );
  }
}

/** A kind's templates: `templates/common/` first, then `templates/<kind>/`, which may override. */
function createRegistry(kind: string): Registry {
  const hbs = handlebars().create();
  hbs.registerHelper('ident', (name: string) => quoteIdent(name));
  hbs.registerHelper('str', (value: string) => quoteString(value));
  hbs.registerHelper('strArray', (values: string[]) => quoteStringArray(values));
  hbs.registerHelper('table', (table: { database: string; name: string }) => quoteTable(table));
  hbs.registerHelper('comment', (value: string) => commentSafe(value));
  for (const file of readdirSync(`${TEMPLATE_DIR}partials`)) {
    hbs.registerPartial(file.replace(/\.hbs$/, ''), readFileSync(`${TEMPLATE_DIR}partials/${file}`, 'utf8'));
  }
  const registry: Registry = new Map();
  compileDir(hbs, `${TEMPLATE_DIR}common`, registry);
  compileDir(hbs, `${TEMPLATE_DIR}${kind}`, registry);
  return registry;
}

const registries = new Map<string, Registry>();

/**
 * A statement of a plan as a kind lists it: its step, its file, what it is for, and the template and fields it renders.
 */
export interface Statement<T extends string> {
  step: string;
  file: string;
  role: string;
  template: T;
  fields: Record<string, unknown>;
}

/**
 * Renders one step of a plan kind through its template (`templates/<kind>/<step type>.sql.hbs`)
 * and formats the SQL for review. TypeScript decides names and expressions; templates only lay out text.
 */
export function renderStep(kind: string, step: { type: string; [field: string]: unknown }): string {
  let registry = registries.get(kind);
  if (!registry) registries.set(kind, (registry = createRegistry(kind)));
  const template = registry.get(step.type);
  if (!template)
    throw new Error(`no template for step ${step.type} in ${TEMPLATE_DIR}${kind} or ${TEMPLATE_DIR}common`);
  const sql = template(step);
  try {
    return formatSql(sql);
  } catch (cause) {
    const what = `step ${step.type}${typeof step.name === 'string' ? ` (${step.name})` : ''}`;
    throw new ConfigError(
      `The SQL of ${what} does not parse: ${parseErrorSummary(sql, (cause as Error).message)}. Nothing was compiled. If it comes from the spec, correct that SQL.`,
      { cause },
    );
  }
}

/** The formatter's first line, with the text around the position it names (its grammar dump left out). Pure. */
export function parseErrorSummary(sql: string, message: string): string {
  const first = message.split('\n')[0]!;
  const at = /line (\d+) column (\d+)/.exec(first);
  if (!at) return first;
  const line = sql.split('\n')[Number(at[1]) - 1] ?? '';
  const column = Number(at[2]) - 1;
  return `${first}, near "${line.slice(Math.max(0, column - 40), column + 20).trim()}"`;
}

const FORMAT_OPTIONS: FormatOptionsWithLanguage = {
  language: 'clickhouse',
  keywordCase: 'preserve',
  functionCase: 'preserve',
  tabWidth: 4,
  expressionWidth: 100,
  linesBetweenQueries: 1,
  // `{name:Type}` query parameters are ClickHouse's, not the formatter's.
  paramTypes: { custom: [{ regex: String.raw`\{[A-Za-z_][A-Za-z0-9_]*:[^{}]*\}` }] },
};

/** Lays SQL out consistently for human review; semantics are untouched (tests run the result). */
export function formatSql(sql: string): string {
  return `${formatter().format(sql, FORMAT_OPTIONS).trimEnd()}\n`;
}

const documents = new Map<string, HandlebarsModule.TemplateDelegate>();

/** Renders a document template shipped with chplan (a plan's PLAN.md), compiled once. */
export function renderDocument(path: string, data: object): string {
  let template = documents.get(path);
  if (!template)
    documents.set(
      path,
      (template = handlebars().compile(readFileSync(packagePath(path), 'utf8'), { noEscape: true, strict: true })),
    );
  return template(data);
}
