import { describe, expect, it } from 'vitest';
import { withDefinition } from '../../src/plan/definition.js';
import { quoteTable } from '../../src/core/quote.js';

describe('definition comments', () => {
  const create = (name: string, body = '(a UInt8) ENGINE = Null') =>
    `-- header\nCREATE TABLE IF NOT EXISTS ${quoteTable({ database: 'd b', name })} ${body}\n`;

  it('names the object a CREATE … IF NOT EXISTS makes, quoting undone, and appends its definition', () => {
    const { sql, object } = withDefinition('s', create('we`ird\\name'));
    expect(object).toMatchObject({ step: 's', database: 'd b', name: 'we`ird\\name' });
    expect(object!.definition).toMatch(/^chplan definition [0-9a-f]{16}$/);
    expect(sql.endsWith(`\nCOMMENT '${object!.definition}'\n`)).toBe(true);
  });

  it('changes with the statement, not with its comment lines', () => {
    const definition = (sql: string) => withDefinition('s', sql).object!.definition;
    expect(definition(create('t'))).toBe(definition(create('t').replace('-- header', '-- another header')));
    expect(definition(create('t'))).not.toBe(definition(create('t', '(a UInt16) ENGINE = Null')));
  });

  it('leaves statements that create nothing as they are', () => {
    for (const sql of [
      'CREATE OR REPLACE VIEW `d`.`v` AS SELECT 1\n',
      'INSERT INTO `d`.`t` SELECT 1\n',
      'CREATE DATABASE IF NOT EXISTS `d`\n',
    ]) {
      expect(withDefinition('s', sql)).toEqual({ sql });
    }
  });
});
