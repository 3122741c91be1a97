import type { Engine, QueryOptions } from '../../src/engine/engine.js';

export interface Fault {
  /** Which statement to fail, e.g. inserts of a given window. */
  match: (sql: string, options: QueryOptions) => boolean;
  error: () => Error;
  /** How many matching calls fail before calls go through again. */
  times: number;
}

/** Wraps an engine and fails matching statements, the way a flaky network or server would. */
export function faultyEngine(inner: Engine, faults: Fault[]): Engine & { injected: number } {
  const wrapper = {
    can: inner.can,
    description: inner.description,
    flags: inner.flags,
    injected: 0,
    rows: <T>(sql: string, options?: QueryOptions) => inner.rows<T>(sql, options),
    async command(sql: string, options: QueryOptions = {}) {
      const fault = faults.find((f) => f.times > 0 && f.match(sql, options));
      if (fault) {
        fault.times--;
        wrapper.injected++;
        // The statement may have partly run before the failure: run it, then fail.
        if (/^INSERT/m.test(sql)) await inner.command(sql, options).catch(() => {});
        throw fault.error();
      }
      return inner.command(sql, options);
    },
    close: () => inner.close(),
  };
  return wrapper;
}

/** Wraps an engine so a test can act before each statement runs and after it ran (pause it, inspect the disk). */
export function observedEngine(
  inner: Engine,
  hooks: { before?: (sql: string, options: QueryOptions) => Promise<void>; after?: (sql: string) => void },
): Engine {
  const around = async <T>(sql: string, options: QueryOptions = {}, run: () => Promise<T>): Promise<T> => {
    await hooks.before?.(sql, options);
    const result = await run();
    hooks.after?.(sql);
    return result;
  };
  return {
    can: inner.can,
    description: inner.description,
    flags: inner.flags,
    rows: <T>(sql: string, options?: QueryOptions) => around(sql, options, () => inner.rows<T>(sql, options)),
    command: (sql: string, options?: QueryOptions) => around(sql, options, () => inner.command(sql, options)),
    close: () => inner.close(),
  };
}

export const connectionReset = () => Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
export const memoryLimit = () =>
  Object.assign(new Error('Memory limit (for query) exceeded: would use 9.31 GiB (MEMORY_LIMIT_EXCEEDED)'), {
    code: '241',
  });
export const tooManyParts = () =>
  Object.assign(
    new Error('Too many parts (3001). Merges are processing significantly slower than inserts (TOO_MANY_PARTS)'),
    { code: '252' },
  );
export const brokenDisk = () =>
  Object.assign(new Error('Cannot write to file: No space left on device (CANNOT_WRITE_TO_FILE_DESCRIPTOR)'), {
    code: '75',
  });

/** Matches the INSERT of chunk windows starting at one of `starts` (UTC text). */
export function insertOf(...starts: string[]) {
  return (sql: string, options: QueryOptions) =>
    /INSERT INTO[\s\S]*__chplan_staging/.test(sql) && starts.includes(String(options.params?.chunk_start));
}
