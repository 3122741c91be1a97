import type { Argv } from 'yargs';
import { planStatus } from '../../execute/status.js';
import { readAnyPlan } from '../kind-lookup.js';
import { bold, print, printJson, table } from '../../terminal/output.js';
import { withShards } from '../../engine/cluster.js';
import type { Engine } from '../../engine/engine.js';
import type { LoadedPlan } from '../../plan/plan-dir.js';
import type { KindStatus, PlanKind } from '../../kinds/kind.js';
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
    const cluster = kind.clusterOf?.(plan) ?? null;
    if (!cluster) {
      const shown = await withEngine(settings, (engine) => statusOn(engine, kind, plan));
      return args.json ? printJson(shown.json) : shown.print();
    }
    // Each shard keeps its own ledger: every shard's status, in shard order.
    const shards = await withShards(settings, cluster, async (_entry, connections) => {
      const out = [];
      for (const shard of connections) out.push({ shard: shard.name, ...(await statusOn(shard.engine, kind, plan)) });
      return out;
    });
    if (args.json) return printJson(shards.map((s) => ({ shard: s.shard, status: s.json })));
    for (const shard of shards) {
      print(bold(shard.shard));
      shard.print();
    }
  },
};

/** A plan's status on one server: the kind's own, or its units from the ledger. */
async function statusOn(engine: Engine, kind: PlanKind, plan: LoadedPlan): Promise<KindStatus> {
  if (kind.status) return kind.status(engine, plan);
  const status = await planStatus(engine, plan);
  return { json: status, print: () => printUnits(kind, plan, status) };
}

/** The ledger per unit, as a table, and the latest failures. */
function printUnits(kind: PlanKind, plan: LoadedPlan, status: Awaited<ReturnType<typeof planStatus>>): void {
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
}
