import { quoteString } from '../core/quote.js';
import { contentHash } from './manifest.js';

/** An object a plan creates with CREATE … IF NOT EXISTS, and the COMMENT naming its definition. */
export interface PlannedObject {
  step: string;
  database: string;
  name: string;
  definition: string;
}

const QUOTED = '`((?:[^`\\\\]|``|\\\\.)*)`';
const CREATE = new RegExp(
  `^CREATE (?:TABLE|MATERIALIZED VIEW|VIEW|DICTIONARY) IF NOT EXISTS ${QUOTED}\\.${QUOTED}`,
  'm',
);

function unquote(text: string): string {
  return text.replace(/``/g, '`').replace(/\\(.)/g, '$1');
}

const DEFINITION_PREFIX = 'chplan definition ';

/** Whether an object's COMMENT is a definition chplan wrote (of any plan): chplan created it. */
export function isPlanDefinition(comment: string): boolean {
  return comment.startsWith(DEFINITION_PREFIX);
}

/**
 * Gives a CREATE … IF NOT EXISTS statement a COMMENT that names its definition (a hash of its SQL
 * without comment lines) and returns the object it creates. IF NOT EXISTS leaves an object made
 * from another definition as it is; the comment lets a run tell. Other statements come back as
 * they are. Pure.
 */
export function withDefinition(step: string, sql: string): { sql: string; object?: PlannedObject } {
  const match = CREATE.exec(sql);
  if (!match) return { sql };
  const statement = sql
    .split('\n')
    .filter((line) => !line.startsWith('--'))
    .join('\n')
    .trim();
  const definition = `${DEFINITION_PREFIX}${contentHash(statement).slice(0, 16)}`;
  return {
    sql: `${sql.trimEnd()}\nCOMMENT ${quoteString(definition)}\n`,
    object: { step, database: unquote(match[1]!), name: unquote(match[2]!), definition },
  };
}
