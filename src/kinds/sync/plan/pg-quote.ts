import { ConfigError } from '../../../core/errors.js';

/** A PostgreSQL string literal. Pure. */
export function pgString(value: string): string {
  if (value.includes('\0')) throw new ConfigError('A PostgreSQL name or value contains a NUL character, which PostgreSQL cannot store.');
  return `'${value.replace(/'/g, "''")}'`;
}

/** A PostgreSQL identifier, always quoted. Pure. */
export function pgIdent(name: string): string {
  if (name.includes('\0')) throw new ConfigError('A PostgreSQL identifier contains a NUL character.');
  return `"${name.replace(/"/g, '""')}"`;
}
