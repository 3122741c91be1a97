import { bold, green, print, printValidation, red, table } from '../../../terminal/output.js';
import type { ShardedValidation } from '../run/shards.js';

/** Each shard's report, then the checks over all shards together. */
export function printShardedValidation(result: ShardedValidation): void {
  for (const { shard, report } of result.shards) {
    print(bold(shard));
    printValidation(report);
  }
  print(bold('all shards'));
  print(
    table(
      ['day', 'check', 'status', 'detail'],
      result.total.flatMap((t) =>
        t.checks.map((c) => [t.day, c.name, c.status === 'pass' ? green('pass') : red('FAIL'), c.detail]),
      ),
    ),
  );
  print(result.passed ? green('cluster validation passed') : red('cluster validation FAILED'));
}
