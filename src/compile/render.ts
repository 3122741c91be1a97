import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import Handlebars from 'handlebars';
import { format, type FormatOptionsWithLanguage } from 'sql-formatter';
import { commentSafe, quoteIdent, quoteString, quoteStringArray, quoteTable } from '../core/quote.js';
import type { Step, StepType } from './steps.js';

// Templates are read once from the package; rendering itself is pure string work.
const TEMPLATE_DIR = fileURLToPath(new URL('../../templates/', import.meta.url));

function createRegistry(): Map<StepType, Handlebars.TemplateDelegate> {
  const hbs = Handlebars.create();
  hbs.registerHelper('ident', (name: string) => quoteIdent(name));
  hbs.registerHelper('str', (value: string) => quoteString(value));
  hbs.registerHelper('strArray', (values: string[]) => quoteStringArray(values));
  hbs.registerHelper('table', (table: { database: string; name: string }) => quoteTable(table));
  hbs.registerHelper('comment', (value: string) => commentSafe(value));
  for (const file of readdirSync(`${TEMPLATE_DIR}partials`)) {
    hbs.registerPartial(file.replace(/\.hbs$/, ''), readFileSync(`${TEMPLATE_DIR}partials/${file}`, 'utf8'));
  }
  const registry = new Map<StepType, Handlebars.TemplateDelegate>();
  for (const file of readdirSync(`${TEMPLATE_DIR}flatten`)) {
    const source = readFileSync(`${TEMPLATE_DIR}flatten/${file}`, 'utf8');
    registry.set(file.replace(/\.sql\.hbs$/, '') as StepType, hbs.compile(source, { noEscape: true, strict: true }));
  }
  return registry;
}

let registry: Map<StepType, Handlebars.TemplateDelegate> | null = null;

/** Renders one step through its template and formats the SQL for review. */
export function renderStep(step: Step): string {
  registry ??= createRegistry();
  const template = registry.get(step.type);
  if (!template) throw new Error(`no template for step ${step.type} in ${TEMPLATE_DIR}flatten`);
  return formatSql(template(step));
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
  return `${format(sql, FORMAT_OPTIONS).trimEnd()}\n`;
}
