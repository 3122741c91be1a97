import type { Engine } from '../../../engine/engine.js';
import { createCollection, createNamedCollection, type PgConnection } from '../../../engine/postgres.js';
import type { RunEvent } from '../../../execute/run-plan.js';
import { statementOf } from '../../../plan/plan-dir.js';
import type { StreamPlan } from '../plan/plan.js';
import { changedObjects, existingObjects, type ExistingObject } from '../../../execute/planned-objects.js';
import { isPlanDefinition } from '../../../plan/definition.js';
import { SafetyError } from '../../../core/errors.js';
import { quoteIdent } from '../../../core/quote.js';

export interface SetupOptions {
  /** Create the Kafka table and its views (needs the spec's brokers; they are contacted in the background). */
  kafka: boolean;
  /** The PostgreSQL the dictionaries read (through a named collection created here); without it they are left out. */
  dictionaries: PgConnection | null;
  env?: Record<string, string | undefined>;
  onEvent?: (event: RunEvent) => void;
}

/** Statements that build the chain, in the plan's order; the rebuild's and validation's are not among them. */
function isSetupStep(step: string): boolean {
  if (
    step === 'append_ledger' ||
    step === 'source_version' ||
    step.startsWith('replay_') ||
    /^(validate_|table\.[^.]+\.(validate|check_colocation)$)/.test(step)
  )
    return false;
  if (step.startsWith('agg.')) return /\.(create|create_staging|create_all)$/.test(step);
  return true;
}

/**
 * Builds (or completes) the live chain: database, ledger, landing, dead letter, parsed log,
 * processed tables and their views, the Kafka table and its views, aggregate tables, dictionaries
 * and reporting views. Every statement is IF NOT EXISTS / OR REPLACE, so it is safe to repeat; an
 * object that exists with another definition (its COMMENT) is refused before anything runs.
 */
export async function setupChain(engine: Engine, plan: StreamPlan, options: SetupOptions): Promise<string[]> {
  const m = plan.manifest;
  const emit = options.onEvent ?? (() => {});
  const env = options.env ?? process.env;
  const ran: string[] = [];
  const steps = Object.keys(m.steps)
    .filter(isSetupStep)
    .filter(
      (step) =>
        (options.kafka || !step.startsWith('kafka.')) && (options.dictionaries || !step.startsWith('dictionary.')),
    );
  const changed = await changedObjects(
    engine,
    (m.objects ?? []).filter((o) => steps.includes(o.step)),
  );
  if (changed.length > 0) {
    throw new SafetyError(
      `The chain in ClickHouse was built from another definition than this plan's: ${listed(changed.map((o) => `${o.database}.${o.name} (${m.steps[o.step]}; its comment: ${JSON.stringify(o.found)})`))}. ` +
        'The plan creates objects IF NOT EXISTS, so it would run against the old ones. Nothing was created or changed. Move the chain on purpose (see "Changing a live chain" in docs/kinds/stream.md), ' +
        `or, for a demo chain, drop it (chplan stream-demo --replace drops exactly the objects chplan created for it) and run again.`,
    );
  }
  for (const step of steps) {
    if (step === 'kafka.create')
      await createKafkaCollection(engine, m.collections.kafka, m.spec.kafka!.brokers, env, m.spec.cluster);
    if (step.startsWith('dictionary.') && !ran.some((s) => s.startsWith('dictionary.')))
      await createCollection(engine, m.collections.postgres, options.dictionaries!, 'public', {
        password: true,
        cluster: m.spec.cluster,
      });
    await engine.command(statementOf(plan, step), { step });
    ran.push(step);
  }
  if (m.spec.dictionaries.length > 0 && !options.dictionaries) {
    const existing = new Set((await existingObjects(engine, [m.spec.database])).map((o) => o.name));
    const missing = m.spec.dictionaries.map((d) => d.name).filter((name) => !existing.has(name));
    if (missing.length > 0)
      emit({
        type: 'warning',
        message: `The dictionaries (${missing.join(', ')}) were not created: they read PostgreSQL, and none is named (PG_URL or PGHOST…).`,
      });
  }
  return ran;
}

/**
 * Drops what this chain's plan creates, so that set-up builds it anew: its materialized views
 * first (nothing is written while the rest goes), then its tables and dictionaries, then its
 * reporting views. Only objects chplan created (their COMMENT names a chplan definition) are
 * dropped; the database, the ledger and anything else in the database stay. An object of the
 * chain's name that chplan did not create is refused before anything is dropped.
 */
export async function dropChain(engine: Engine, plan: StreamPlan): Promise<string[]> {
  const m = plan.manifest;
  const planned = [
    ...(m.objects ?? []).map((o) => ({ database: o.database, name: o.name })),
    ...m.spec.views.map((v) => ({ database: m.spec.database, name: v.name })),
  ];
  const rows = await existingObjects(
    engine,
    planned.map((o) => o.database),
  );
  const views = new Set(m.spec.views.map((v) => v.name));
  const existing = planned.flatMap((o) => rows.filter((r) => r.database === o.database && r.name === o.name));
  const foreign = existing.filter((o) => !(isPlanDefinition(o.comment) || (o.engine === 'View' && views.has(o.name))));
  if (foreign.length > 0) {
    throw new SafetyError(
      `${listed(foreign.map((o) => `${o.database}.${o.name}`))} ${foreign.length === 1 ? 'has' : 'have'} the name of an object of this chain but ${foreign.length === 1 ? 'was' : 'were'} not created by chplan (no chplan definition comment). ` +
        'Nothing was dropped. Rename the chain (its spec\'s "name" and "database") or move those objects away.',
    );
  }
  const order = (o: ExistingObject) => (o.engine === 'MaterializedView' ? 0 : o.engine === 'View' ? 2 : 1);
  const dropped: string[] = [];
  for (const o of [...existing].sort((a, b) => order(a) - order(b))) {
    const what = o.engine === 'Dictionary' ? 'DICTIONARY' : o.engine === 'View' ? 'VIEW' : 'TABLE';
    await engine.command(`DROP ${what} IF EXISTS ${quoteIdent(o.database)}.${quoteIdent(o.name)} SYNC`, {
      step: 'drop chain',
    });
    dropped.push(`${o.database}.${o.name}`);
  }
  return dropped;
}

/** The first few of a long list, and how many more there are. */
function listed(items: string[], shown = 5): string {
  return items.length <= shown
    ? items.join(', ')
    : `${items.slice(0, shown).join(', ')} and ${items.length - shown} more`;
}

/**
 * The Kafka table's collection: brokers from the spec, SASL credentials from the environment; never written to the
 * plan.
 */
function createKafkaCollection(
  engine: Engine,
  name: string,
  brokers: string,
  env: Record<string, string | undefined>,
  cluster: string | null,
): Promise<void> {
  const sasl: Record<string, string> = env.KAFKA_SASL_USERNAME
    ? {
        kafka_security_protocol: env.KAFKA_SECURITY_PROTOCOL ?? 'sasl_ssl',
        kafka_sasl_mechanism: env.KAFKA_SASL_MECHANISM ?? 'PLAIN',
        kafka_sasl_username: env.KAFKA_SASL_USERNAME,
        kafka_sasl_password: env.KAFKA_SASL_PASSWORD ?? '',
      }
    : {};
  return createNamedCollection(
    engine,
    name,
    { kafka_broker_list: brokers, ...sasl },
    { secret: env.KAFKA_SASL_PASSWORD ?? '', consequence: 'Nothing else was created.', cluster },
  );
}
