/**
 * `{{name}}` in SQL a spec supplies (a KPI, an aggregate, a view) stands for one of the plan's
 * tables, which the compiler writes in; `{{name:window}}` asks for its rows of the window being
 * run. ClickHouse's own `{name:Type}` parameters are left alone.
 */
const REFERENCE = /\{\{\s*([A-Za-z_][A-Za-z0-9_]*)(:window)?\s*\}\}/g;

/** The references of some SQL, in order. Pure. */
export function tableReferences(sql: string): { name: string; window: boolean }[] {
  return [...sql.matchAll(REFERENCE)].map((m) => ({ name: m[1]!, window: Boolean(m[2]) }));
}

/** The SQL with each reference replaced. Pure. */
export function fillTableReferences(sql: string, replace: (name: string, window: boolean) => string): string {
  return sql.replace(REFERENCE, (_, name: string, window?: string) => replace(name, Boolean(window)));
}
