/** One key's column. */
export interface MappingEntry {
  key: string;
  column: string;
  /** Source map columns the key was seen in; the column sums all of them. */
  maps: string[];
  /** Rows (summed over maps) in which the key was seen during discovery. */
  rows: number;
}

/** mapping.json: which key lives in which flat column. See schemas/mapping.schema.json. */
export interface Mapping {
  $schema?: string;
  formatVersion: 1;
  /** 1 for a fresh assignment, parent's version + 1 when evolved with --base. */
  version: number;
  /** sha256 of the parent mapping's canonical JSON, or null. */
  parent: string | null;
  source: string;
  discovered: { from: string; to: string; timeZone: string; rows: number };
  int: MappingEntry[];
  float: MappingEntry[];
  /** Columns created in advance and not yet holding a key (`--spare-columns`); new keys take them first. */
  free: { int: string[]; float: string[] };
}

export const MAPPING_SCHEMA_REF = './schemas/mapping.schema.json';
