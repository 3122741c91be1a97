import { quoteIdent } from '../../../core/quote.js';

/** What restricts a table to a plan's scope: its time column and, optionally, customers. */
export interface WindowScope {
  timeColumn: string;
  customerColumn: string;
  customers: number[] | null;
}

/**
 * WHERE clause restricting a table to `[{chunk_start}, {chunk_end})` and the scope's
 * customers. Settings and manifests are both scopes.
 */
export function windowFilter(scope: WindowScope): string {
  const time = quoteIdent(scope.timeColumn);
  const parts = [`${time} >= {chunk_start:DateTime64(3, 'UTC')}`, `${time} < {chunk_end:DateTime64(3, 'UTC')}`];
  if (scope.customers) parts.push(`${quoteIdent(scope.customerColumn)} IN (${scope.customers.join(', ')})`);
  return parts.join('\n  AND ');
}
