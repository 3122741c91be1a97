import { quoteIdent, quoteString } from '../../../core/quote.js';
import type { ChainContext } from './chain-context.js';
import { lastTruncate, liveCondition } from './chain-tables.js';
import type { StreamTable } from './spec.js';
import { holdsPlaceholder } from './toast-sql.js';

/** Whether a processed row holds a form of Debezium's TOAST placeholder in any column (never, in a right chain). */
function placeholderCondition(table: StreamTable): string {
  return table.columns.flatMap((c) => holdsPlaceholder(c) ?? []).join(' OR ') || 'false';
}

/**
 * Adds what `chplan validate` reads: the landing table's accounting, dead-lettered changes, the connector's schemas,
 * and each processed table against the latest version per key (on a cluster, keys held by more than one shard).
 */
export function addValidationStatements({ spec, tables, parse, add }: ChainContext): void {
  add({
    step: 'validate_accounting',
    file: '10_validate_accounting.sql',
    role: 'validation: landed = parsed + truncates + tombstones + dead-lettered',
    template: 'validate_accounting',
    fields: parse,
  });
  add({
    step: 'validate_dead_changes',
    file: '10_validate_dead_changes.sql',
    role: "validation: updates, deletes and truncates of the chain's tables that were dead-lettered",
    template: 'validate_dead_changes',
    fields: {
      ...parse,
      payload: spec.envelope.wrapper === 'payload',
      sources: spec.tables.map((t) => quoteString(t.source)).join(', '),
    },
  });
  if (spec.envelope.wrapper === 'payload')
    add({
      step: 'validate_schemas',
      file: '10_validate_schemas.sql',
      role: "validation: a message of each schema the connector sent, to compare its field types with the spec's",
      template: 'validate_schemas',
      fields: parse,
    });
  for (const table of spec.tables) {
    if (spec.cluster)
      add({
        step: `table.${table.name}.check_colocation`,
        file: `10_check_colocation_${table.name}.sql`,
        role: 'cluster: validation: keys held by more than one shard',
        template: 'check_colocation',
        fields: {
          cluster: spec.cluster,
          name: table.name,
          target: tables.table(table.name),
          keyList: table.key.map(quoteIdent).join(', '),
        },
      });
    add({
      step: `table.${table.name}.validate`,
      file: `10_validate_${table.name}.sql`,
      role: 'validation: rows against the latest version per key',
      template: 'validate_state',
      fields: {
        ...parse,
        name: table.name,
        source: table.source,
        target: tables.table(table.name),
        live: liveCondition(spec, table),
        truncated: lastTruncate(spec, table),
        placeholder: placeholderCondition(table),
      },
    });
  }
}
