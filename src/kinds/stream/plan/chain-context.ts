import type { TableRef } from '../../../config/settings.js';
import type { Statement } from '../../../render/render.js';
import { chainTables, type ChainTables } from './chain-tables.js';
import { readsSchemas, versionType } from './parse-sql.js';
import type { StreamSpec } from './spec.js';

/** The templates (templates/stream, templates/common) a stream plan is rendered from. */
export type StreamTemplate =
  | 'create_database'
  | 'create_ledger'
  | 'migrate_ledger'
  | 'append_ledger'
  | 'create_landing'
  | 'create_dead_letter'
  | 'create_parsed_log'
  | 'create_truncations'
  | 'truncations_view'
  | 'replay_create'
  | 'replay_file'
  | 'replay_blocks'
  | 'replay_block'
  | 'replay_drop'
  | 'replay_lines'
  | 'source_version'
  | 'create_classified'
  | 'create_processed'
  | 'create_typed'
  | 'classify_view'
  | 'envelope_dead_letter_view'
  | 'typed_view'
  | 'processed_view'
  | 'parsed_log_view'
  | 'row_dead_letter_view'
  | 'create_kafka'
  | 'kafka_to_landing'
  | 'kafka_errors'
  | 'create_aggregate'
  | 'create_staging'
  | 'clear_staging_day'
  | 'count_source'
  | 'insert_day'
  | 'count_staging'
  | 'check_staging'
  | 'publish_day'
  | 'count_target_day'
  | 'drop_day'
  | 'read_day'
  | 'recompute_day'
  | 'create_dictionary'
  | 'create_view'
  | 'live_view'
  | 'create_route'
  | 'create_distributed'
  | 'check_colocation'
  | 'validate_accounting'
  | 'validate_dead_changes'
  | 'validate_schemas'
  | 'validate_state';

/** What each part of a stream plan renders its statements from, and where it adds them. */
export interface ChainContext {
  spec: StreamSpec;
  tables: ChainTables;
  /** The chain's own tables and how it reads messages: the fields most templates take. */
  parse: {
    landing: TableRef;
    deadLetter: TableRef;
    parsedLog: TableRef;
    truncations: TableRef;
    replay: TableRef;
    classified: TableRef;
    versionType: string;
    cluster: string | null;
    schemas: boolean;
  };
  /** Where messages land: on a cluster the route (Kafka's view, replays), which sends each to its key's shard. */
  arrival: TableRef;
  add: (statement: Statement<StreamTemplate>) => void;
  /** On a cluster, `<name>_all` over a table of the chain, right after the table. */
  addAll: (step: string, file: string, local: TableRef) => void;
}

/** The context a plan's statements are rendered in, adding them through `add`. Pure. */
export function chainContext(spec: StreamSpec, add: ChainContext['add']): ChainContext {
  const tables = chainTables(spec);
  return {
    spec,
    tables,
    parse: {
      landing: tables.landing,
      deadLetter: tables.deadLetter,
      parsedLog: tables.parsedLog,
      truncations: tables.truncations,
      replay: tables.replay,
      classified: tables.classified,
      versionType: versionType(spec),
      cluster: spec.cluster,
      schemas: readsSchemas(spec),
    },
    arrival: spec.cluster ? tables.route : tables.landing,
    add,
    addAll: (step, file, local) => {
      if (spec.cluster)
        add({
          step,
          file,
          role: `cluster: ${local.name} of every shard, read as one`,
          template: 'create_distributed',
          fields: { cluster: spec.cluster, name: local.name, local, distributed: tables.all(local.name) },
        });
    },
  };
}
