import type { Argv } from 'yargs';
import { planStatus } from '../../execute/status.js';
import { readAnyPlan } from '../kind-lookup.js';
import { print, printJson, table } from '../../terminal/output.js';
import { engineSettingsFrom, withEngineOptions, type CommonArgs } from '../../config/cli-options.js';
import { withEngine } from '../../engine/with-engine.js';

export const statusCommand = {
  command: 'status <plan>',
  describe:
    "show the ledger per day or partition: the last publish, and the latest run's chunks done / running / failed / aborted",
  builder: (yargs: Argv) =>
    withEngineOptions(yargs).positional('plan', { type: 'string', demandOption: true, describe: 'plan directory' }),
  handler: async (args: CommonArgs & { plan: string }) => {
    const settings = engineSettingsFrom(args);
    const { kind, plan } = readAnyPlan(args.plan);
    if (kind.status) {
      const own = await kind.status(settings, plan);
      return args.json ? printJson(own.json) : own.print();
    }
    const status = await withEngine(settings, (engine) => planStatus(engine, plan));
    if (args.json) return printJson(status);
    if (status.units.length === 0) return print(`No runs of plan ${plan.name} are recorded in the ledger.`);
    const label = kind.unitLabel ?? ((key: string) => key);
    print(
      table(
        [
          'unit',
          'published',
          'last publish (UTC)',
          'by plan',
          'latest run',
          'done',
          'running',
          'failed',
          'aborted',
          'rows written',
          'last activity (UTC)',
        ],
        status.units.map((d) => [
          label(d.unit),
          d.published ? 'yes' : 'no',
          d.lastPublish?.at ?? '—',
          d.lastPublish
            ? d.lastPublish.plan === plan.manifest.planHash
              ? 'this plan'
              : d.lastPublish.plan.slice(0, 12)
            : '—',
          d.pending ? 'unfinished' : 'published',
          d.chunks.done,
          d.chunks.running,
          d.chunks.failed,
          d.chunks.aborted,
          d.rowsWritten,
          d.lastActivity,
        ]),
      ),
    );
    if (status.failures.length) {
      print('Latest failures:');
      for (const f of status.failures) print(`  ${f.window}: ${f.error.split('\n')[0]}`);
    }
  },
};
