import madge from 'madge';
import { describe, expect, it } from 'vitest';

/** The folder a module belongs to: top-level folders of src/, and each kind's own sub-folders. */
function folderOf(file: string): string {
  const parts = file.split('/');
  if (parts.length === 1) return '.';
  if (parts[0] === 'kinds' && parts.length > 2) return parts.slice(0, Math.min(parts.length - 1, 3)).join('/');
  return parts[0]!;
}

/** Folders that reach themselves again through other folders (each cycle once, as a path). */
function folderCycles(graph: Record<string, string[]>): string[][] {
  const edges = new Map<string, Set<string>>();
  for (const [file, deps] of Object.entries(graph)) {
    for (const dep of deps) {
      const [a, b] = [folderOf(file), folderOf(dep)];
      // src/index.ts is the library's front door: it re-exports everything and nothing imports it.
      if (a !== b && a !== '.') (edges.get(a) ?? edges.set(a, new Set()).get(a)!).add(b);
    }
  }
  const cycles: string[][] = [];
  const walk = (start: string, at: string, path: string[]) => {
    for (const next of edges.get(at) ?? []) {
      if (next === start) cycles.push([...path, next]);
      else if (!path.includes(next) && next > start) walk(start, next, [...path, next]);
    }
  };
  for (const start of edges.keys()) walk(start, start, [start]);
  return cycles;
}

describe('dependency graph of src/', async () => {
  const result = await madge('src', { fileExtensions: ['ts'], tsConfig: 'tsconfig.json' });
  const graph = result.obj();

  it('has no import cycle between files', () => {
    expect(result.circular()).toEqual([]);
  });

  it('has a leaf: src/core imports nothing else from src', () => {
    const outside = Object.entries(graph)
      .filter(([file]) => file.startsWith('core/'))
      .flatMap(([file, deps]) => deps.filter((d) => !d.startsWith('core/')).map((d) => `${file} -> ${d}`));
    expect(Object.keys(graph).some((f) => f.startsWith('core/'))).toBe(true);
    expect(outside).toEqual([]);
  });

  it('has no folder that imports a folder which imports it back', () => {
    expect(folderCycles(graph)).toEqual([]);
  });

  it('keeps the shared machinery free of any kind', () => {
    const shared = ['core/', 'plan/', 'execute/', 'validate/', 'render/', 'engine/', 'terminal/', 'config/', 'bench/'];
    const leaks = Object.entries(graph)
      .filter(([file]) => shared.some((s) => file.startsWith(s)))
      .flatMap(([file, deps]) => deps.filter((d) => d.startsWith('kinds/')).map((d) => `${file} -> ${d}`));
    expect(leaks).toEqual([]);
  });

  it('lets the command line reach a kind only through the registry and the kind contract', () => {
    const reached = Object.entries(graph)
      .filter(([file]) => file.startsWith('cli/') && file !== 'cli/kinds.ts')
      .flatMap(([file, deps]) =>
        deps.filter((d) => d.startsWith('kinds/') && d !== 'kinds/kind.ts').map((d) => `${file} -> ${d}`),
      );
    expect(reached).toEqual([]);
  });

  it('covers every folder of src/', () => {
    const folders = new Set(Object.keys(graph).map((f) => f.split('/')[0]!));
    expect([...folders].filter((f) => !f.endsWith('.ts')).sort()).toEqual([
      'bench',
      'cli',
      'config',
      'core',
      'engine',
      'execute',
      'kinds',
      'plan',
      'render',
      'terminal',
      'validate',
    ]);
  });
});
