import yargs, { type Argv } from 'yargs';
import { compileCommand } from './commands/compile.js';
import { runCommand } from './commands/run.js';
import { seedCommand } from './commands/seed.js';
import { validateCommand } from './commands/validate.js';
import { approveCommand } from './commands/approve.js';
import { statusCommand } from './commands/status.js';
import { verifyCommand } from './commands/verify.js';
import { KINDS } from './kinds.js';
import type { Command } from '../kinds/kind.js';
import { reportError } from '../terminal/output.js';
import { ConfigError } from '../core/errors.js';

/**
 * The chplan command line; exit codes: 0 ok, 1 validation failed, 2 usage/config, 3 execution, 4 refused for safety.
 */
export function buildCli(argv: string[]): Argv {
  const verbose = argv.includes('--verbose');
  let cli = yargs(argv)
    .scriptName('chplan')
    .usage(
      `$0 <command> [options]\n\nCompile data pipelines into reviewable ClickHouse SQL plans that ClickHouse runs itself. Plan kinds: ${KINDS.map((k) => `${k.name} (${k.describe})`).join('; ')}.`,
    );
  const shared: Command[] = [
    seedCommand,
    compileCommand,
    runCommand,
    validateCommand,
    statusCommand,
    approveCommand,
    verifyCommand,
  ];
  for (const c of [...shared, ...KINDS.flatMap((kind) => kind.commands ?? [])])
    cli = cli.command(c.command, c.describe, c.builder, c.handler);
  return cli
    .example('$0 transform', 'flatten the demo day (seeds it on an empty embedded engine)')
    .example('$0 backfill --partition 202406', 'Langfuse events for June 2024 (seeds a demo month if missing)')
    .example(
      '$0 run generated-sql/eco_cross_page_preagg_pt1m --day 2025-10-08 --chunk hour --dry-run',
      'list the chunks a run would load',
    )
    .example('$0 approve generated-sql/events_backfill --by "Dana (DBA)"', "record a reviewer's sign-off")
    .epilog(
      'Exit codes: 0 done (validation passed); 1 validation found differences; 2 usage or configuration error, nothing changed; 3 execution error, target unchanged; 4 refused for safety (changed plan or source, unmapped keys, another runner or process, a foreign target); 130 interrupted, nothing published.',
    )
    .demandCommand(1, 'Name a command; see chplan --help.')
    .strict()
    .wrap(Math.min(120, process.stdout.columns ?? 100))
    .fail((message, error) => {
      const fromPlan =
        /^Unknown arguments?:/.test(message ?? '') && ['run', 'validate', 'status'].includes(argv[0] ?? '')
          ? `\n${argv[0]} takes the tables, zone, types and customers from the plan; to change them, recompile it (chplan compile … --out PLAN) and have it reviewed.`
          : '';
      const code = reportError(
        error ?? new ConfigError(`${message}${fromPlan}\nSee chplan ${argv[0] ?? ''} --help.`),
        verbose,
      );
      process.exit(code);
    });
}
