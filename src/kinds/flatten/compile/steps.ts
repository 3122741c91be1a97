import type { TableRef } from '../../../config/settings.js';

/** One column of the flat target, as the templates lay it out. */
export interface FlatColumn {
  column: string;
  type: string;
  key: string;
  /** Expression producing the column from the aggregated subquery. */
  expr: string;
}

/** An aggregate the insert asserts on: the chunk stops with `message` when `failWhen` holds. */
export interface Guard {
  alias: string;
  aggregate: string;
  failWhen: string;
  /** Why, for the comment at the top of the statement. */
  reason: string;
  message: string;
}

export interface NamedExpr {
  alias: string;
  expr: string;
}

interface Tables {
  source: TableRef;
  target: TableRef;
  staging: TableRef;
  ledger: TableRef;
}

/**
 * What a plan does, step by step, before any text exists. TypeScript decides names,
 * types and expressions; each step's template only lays them out.
 */
export type Step =
  | { type: 'create_ledger'; cluster: string | null; ledger: TableRef }
  | { type: 'migrate_ledger'; cluster: string | null; ledger: TableRef }
  | { type: 'append_ledger'; ledger: TableRef }
  | {
      type: 'register_mapping';
      registry: TableRef;
      target: string;
      mappingHash: string;
      version: number;
      entries: { kind: string; column: string; key: string }[];
    }
  | {
      type: 'create_target';
      cluster: string | null;
      target: TableRef;
      time: { name: string; type: string };
      carried: { name: string; type: string }[];
      metrics: FlatColumn[];
      free: { column: string; type: string }[];
      orderBy: string[];
      timeZone: string;
    }
  | {
      type: 'add_columns_target';
      cluster: string | null;
      table: TableRef;
      columns: { column: string; type: string; comment: string; existing: boolean }[];
    }
  | {
      type: 'add_columns_staging';
      cluster: string | null;
      table: TableRef;
      columns: { column: string; type: string; comment: string; existing: boolean }[];
    }
  | { type: 'create_registry'; cluster: string | null; registry: TableRef }
  | {
      type: 'create_named_view';
      cluster: string | null;
      view: TableRef;
      target: TableRef;
      time: string;
      carried: string[];
      columns: { column: string; alias: string }[];
    }
  | {
      type: 'create_compat_view';
      cluster: string | null;
      view: TableRef;
      target: TableRef;
      time: string;
      carried: string[];
      maps: { name: string; type: string; keys: string[]; values: string[] }[];
    }
  | { type: 'create_staging'; cluster: string | null; staging: TableRef; target: TableRef }
  | { type: 'clear_staging_day'; staging: TableRef }
  | { type: 'clear_staging_window'; staging: TableRef; time: string }
  | {
      type: 'preflight_unmapped_keys';
      source: TableRef;
      sourceFilter: string;
      maps: { name: string; known: string[] }[];
    }
  | {
      type: 'insert_chunk';
      tables: Tables;
      time: string;
      timeZone: string;
      groupKeys: string[];
      dimensions: { name: string; alias: string }[];
      /** The metric plan's constants, then its per-group expressions. */
      withs: NamedExpr[];
      rowExprs: NamedExpr[];
      aggregates: NamedExpr[];
      guards: Guard[];
      metrics: FlatColumn[];
      positions: string[];
      sourceFilter: string;
      settings: NamedExpr[];
    }
  | {
      type: 'keep_other_customers';
      staging: TableRef;
      target: TableRef;
      time: string;
      customerColumn: string;
      customers: number[];
    }
  | { type: 'create_distributed'; cluster: string; distributed: TableRef; target: TableRef; groupKeys: string[] }
  | {
      type: 'check_sharding';
      cluster: string;
      source: TableRef;
      time: string;
      timeZone: string;
      groupKeys: string[];
      sourceFilter: string;
    }
  | { type: 'check_staging'; staging: TableRef }
  | { type: 'publish_day'; target: TableRef; staging: TableRef }
  | {
      type: 'validate_row_count';
      source: TableRef;
      target: TableRef;
      time: string;
      timeZone: string;
      groupKeys: string[];
      sourceFilter: string;
      targetFilter: string;
    }
  | { type: 'validate_source_sums'; source: TableRef; sourceFilter: string; maps: { name: string; tuple: string }[] }
  | { type: 'validate_target_sums'; target: TableRef; targetFilter: string; metrics: FlatColumn[] }
  | {
      type: 'validate_spot_source';
      source: TableRef;
      target: TableRef;
      time: string;
      timeZone: string;
      groupKeys: string[];
      sourceFilter: string;
      targetFilter: string;
      maps: { name: string; tuple: string }[];
    }
  | {
      type: 'validate_spot_target';
      target: TableRef;
      time: string;
      groupKeys: string[];
      targetFilter: string;
      ints: string[];
      floats: string[];
    }
  | {
      type: 'diagnose_overflow';
      source: TableRef;
      time: string;
      timeZone: string;
      groupKeys: string[];
      sourceFilter: string;
      maps: { name: string }[];
      accumulator: string;
      intType: string;
    }
  | {
      type: 'validate_dimensions';
      source: TableRef;
      time: string;
      timeZone: string;
      groupKeys: string[];
      dimensions: string[];
      sourceFilter: string;
    };

export type StepType = Step['type'];
