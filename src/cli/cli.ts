import yargs, { type Argv } from 'yargs';
import { compileCommand } from './commands/compile.js';
import { discoverCommand } from './commands/discover.js';
import { runCommand } from './commands/run.js';
import { seedCommand } from './commands/seed.js';
import { transformCommand } from './commands/transform.js';
import { validateCommand } from './commands/validate.js';
import { approveCommand } from './commands/approve.js';
import { statusCommand } from './commands/status.js';
import { verifyCommand } from './commands/verify.js';
import { diffCommand } from './commands/diff.js';
import { benchTransformCommand } from './commands/bench-transform.js';
import { benchmarkCommand, viewBenchmarkCommand } from './commands/query-bench.js';
import { reportError } from './output.js';
import { ConfigError } from '../core/errors.js';

/** The chplan command line; exit codes: 0 ok, 1 validation failed, 2 usage/config, 3 execution, 4 refused for safety. */
export function buildCli(argv: string[]): Argv {
  const verbose = argv.includes('--verbose');
  return yargs(argv)
    .scriptName('chplan')
    .usage('$0 <command> [options]\n\nCompile Map-column ClickHouse tables into flat, pre-aggregated ones: all work runs in ClickHouse.')
    .command(seedCommand as never)
    .command(discoverCommand as never)
    .command(compileCommand as never)
    .command(runCommand as never)
    .command(validateCommand as never)
    .command(statusCommand as never)
    .command(approveCommand as never)
    .command(verifyCommand as never)
    .command(diffCommand as never)
    .command(benchTransformCommand as never)
    .command(benchmarkCommand as never)
    .command(viewBenchmarkCommand as never)
    .command(transformCommand as never)
    .demandCommand(1, 'Name a command; see chplan --help.')
    .strict()
    .wrap(Math.min(120, process.stdout.columns ?? 100))
    .fail((message, error) => {
      const code = reportError(error ?? new ConfigError(`${message}\nSee chplan --help.`), verbose);
      process.exit(code);
    });
}
