import type { Argv, Options } from 'yargs';
import { CLUSTER_OPTION, withEngineOptions } from '../../../config/cli-options.js';

/** The flags that shape a flatten plan; commands that run a compiled plan take them from it instead. */
export const FLATTEN_OPTIONS: Record<string, Options> = {
  source: { type: 'string', describe: 'source table db.table' },
  target: { type: 'string', describe: 'target table db.table' },
  cluster: CLUSTER_OPTION,
  customers: { type: 'string', describe: 'only these customers, e.g. 1,2,3' },
  'time-zone': { type: 'string', describe: 'zone for day boundaries and minutes (default UTC)' },
  'int-type': { type: 'string', describe: 'type of int columns (Int32, Int64, UInt32, UInt64)' },
  'float-type': { type: 'string', describe: 'type of float columns (Float32, Float64)' },
  strategy: { type: 'string', choices: ['indexed', 'readable'], describe: 'aggregation SQL (indexed is faster)' },
  'insert-setting': {
    type: 'string',
    array: true,
    describe:
      "name=value added to the insert's SETTINGS (repeatable), e.g. max_bytes_before_external_group_by=2000000000",
  },
};

/** The engine's flags and the flatten plan's. */
export function withFlattenOptions<T>(yargs: Argv<T>) {
  return withEngineOptions(yargs).options(FLATTEN_OPTIONS);
}
