import { describe, expect, it } from 'vitest';
import { KINDS } from '../../src/cli/kinds.js';

/**
 * The flags a function reads from its yargs arguments (`args.x`, `args['x']`, `flag('x')`), kebab-cased
 * as a user types them.
 */
function flagsRead(fn: (...args: never[]) => unknown): string[] {
  const text = fn.toString();
  const names = [
    ...[...text.matchAll(/\bargs\.([A-Za-z]\w*)/g)].map((m) => m[1]!),
    ...[...text.matchAll(/\bargs\[['"]([\w-]+)['"]\]/g)].map((m) => m[1]!),
    ...[...text.matchAll(/\bflag\(['"]([\w-]+)['"]\)/g)].map((m) => m[1]!),
  ];
  return [...new Set(names.map((n) => n.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)))].sort();
}

/** The engine's flags, which every command declares (withEngineOptions). */
const ENGINE = ['config', 'url', 'ca', 'data-dir', 'timeout', 'json', 'verbose'];

describe('every kind declares the flags it reads', () => {
  for (const kind of KINDS) {
    for (const [name, seeder] of Object.entries(kind.seeders ?? {})) {
      it(`seed --kind ${name}`, () => {
        const declared = new Set([...ENGINE, 'kind', ...Object.keys(seeder.options)]);
        expect(flagsRead(seeder.run).filter((f) => !declared.has(f))).toEqual([]);
      });
    }
    it(`compile --spec for ${kind.name}`, () => {
      const declared = new Set([...ENGINE, 'spec', 'out', 'chunk', ...Object.keys(kind.compileOptions ?? {})]);
      expect(flagsRead(kind.compile).filter((f) => !declared.has(f))).toEqual([]);
    });
  }

  it('finds what a function reads (so the checks above can fail)', () => {
    const fn = (args: Record<string, unknown>) => [args.month, args['data-dir'], args.customerCount];
    expect(flagsRead(fn as never)).toEqual(['customer-count', 'data-dir', 'month']);
  });
});
