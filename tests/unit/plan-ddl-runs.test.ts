import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PLAN_FILES } from '../../src/kinds/flatten/compile/compile-plan.js';
import { FLATTEN_SETUP } from '../../src/kinds/flatten/run/run.js';

/** Steps the shared runner or the flatten's own checks run besides the adapter's set-up. */
const RUN_ELSEWHERE = new Set([
  'create_ledger',
  'migrate_ledger',
  'create_registry',
  'append_ledger',
  'register_mapping',
]);

describe('a flatten plan runs every statement that creates or changes a table', () => {
  for (const fixture of readdirSync('tests/golden').filter((f) => existsSync(`tests/golden/${f}/manifest.json`))) {
    it(`golden plan ${fixture}`, () => {
      const files = new Set(readdirSync(`tests/golden/${fixture}`));
      const ddl = Object.entries(PLAN_FILES)
        .filter(([, { file }]) => files.has(file))
        .filter(([, { file }]) =>
          /^(CREATE|ALTER TABLE [^\n]* ADD COLUMN)/m.test(
            readFileSync(`tests/golden/${fixture}/${file}`, 'utf8')
              .replace(/^--.*$/gm, '')
              .trim(),
          ),
        )
        .map(([step]) => step);
      expect(ddl.length).toBeGreaterThan(3);
      expect(ddl.filter((step) => !RUN_ELSEWHERE.has(step) && !FLATTEN_SETUP.includes(step))).toEqual([]);
    });
  }
});
