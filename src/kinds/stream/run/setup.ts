import type { Engine } from '../../../engine/engine.js';
import { createCollection, createNamedCollection, type PgConnection } from '../../../engine/postgres.js';
import type { RunEvent } from '../../../execute/run-plan.js';
import { statementOf } from '../../../plan/plan-dir.js';
import type { StreamPlan } from '../plan/stream-plan.js';

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
  if (step === 'append_ledger' || step.startsWith('replay_') || /^(validate_|table\.[^.]+\.validate$)/.test(step)) return false;
  if (step.startsWith('agg.')) return /\.(create|create_staging)$/.test(step);
  return true;
}

/**
 * Builds (or completes) the live chain: database, ledger, landing, dead letter, parsed log,
 * processed tables and their views, the Kafka table and its views, aggregate tables, dictionaries
 * and reporting views. Every statement is IF NOT EXISTS / OR REPLACE, so it is safe to repeat.
 */
export async function setupChain(engine: Engine, plan: StreamPlan, options: SetupOptions): Promise<string[]> {
  const m = plan.manifest;
  const emit = options.onEvent ?? (() => {});
  const env = options.env ?? process.env;
  const ran: string[] = [];
  for (const step of Object.keys(m.steps).filter(isSetupStep)) {
    if (step.startsWith('kafka.') && !options.kafka) continue;
    if (step.startsWith('dictionary.') && !options.dictionaries) continue;
    if (step === 'kafka.create') await createKafkaCollection(engine, m.collections.kafka, m.spec.kafka!.brokers, env);
    if (step.startsWith('dictionary.') && !ran.some((s) => s.startsWith('dictionary.'))) await createCollection(engine, m.collections.postgres, options.dictionaries!, 'public');
    await engine.command(statementOf(plan, step), { step });
    ran.push(step);
  }
  if (m.spec.dictionaries.length > 0 && !options.dictionaries) {
    emit({ type: 'warning', message: `The dictionaries (${m.spec.dictionaries.map((d) => d.name).join(', ')}) were not created: they read PostgreSQL, and none is named (PG_URL or PGHOST…).` });
  }
  return ran;
}

/** The Kafka table's collection: brokers from the spec, SASL credentials from the environment; never written to the plan. */
function createKafkaCollection(engine: Engine, name: string, brokers: string, env: Record<string, string | undefined>): Promise<void> {
  const sasl: Record<string, string> = env.KAFKA_SASL_USERNAME
    ? {
        kafka_security_protocol: env.KAFKA_SECURITY_PROTOCOL ?? 'sasl_ssl', kafka_sasl_mechanism: env.KAFKA_SASL_MECHANISM ?? 'PLAIN',
        kafka_sasl_username: env.KAFKA_SASL_USERNAME, kafka_sasl_password: env.KAFKA_SASL_PASSWORD ?? '',
      }
    : {};
  return createNamedCollection(engine, name, { kafka_broker_list: brokers, ...sasl }, { secret: env.KAFKA_SASL_PASSWORD ?? '', consequence: 'Nothing else was created.' });
}
