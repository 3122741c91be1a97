import { randomUUID } from 'node:crypto';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import type { Engine } from '../../../engine/engine.js';
import { ConfigError } from '../../../core/errors.js';
import { isPlanDefinition } from '../../../plan/definition.js';
import { statementOf } from '../../../plan/plan-dir.js';
import { chainTables } from '../plan/chain-tables.js';
import { keyedLine } from '../plan/replay-sql.js';
import { LANDING_BLOCK_ROWS } from '../plan/spec.js';
import type { StreamPlan } from '../plan/plan.js';

/**
 * How a replay tunes the embedded engine. Its allocator otherwise hands freed pages back to the system within moments,
 * so the chain's views, which build and drop blocks of 65,536 messages in turn, fault the same memory in again for
 * every block. Kept for 10 s, it is reused: the benchmark's dump through the chain's views took 6.8–7.6 s instead of
 * 11.2–13.8 s, with half the page faults. Not the engine's default for every kind: retained pages count as the
 * process's memory, and a flatten day in hour chunks peaked at 1,291 MiB with them against 874 MiB.
 */
export const REPLAY_ENGINE = { keepFreedMemoryMs: 10_000 } as const;

/**
 * How far a replay has got: the staging tables that killed replays (or an earlier chplan) left, dropped; the dump
 * staged (on an engine that reads the file itself); then the lines landed so far, of how many where the dump was
 * staged first.
 */
export type ReplayProgress =
  | { phase: 'cleared'; tables: string[] }
  | { phase: 'staged'; lines: number }
  | { phase: 'landed'; lines: number; of?: number };

export interface ReplayOptions {
  /** What the landing table records as the messages' topic. */
  topic?: string;
  /** Each line is the message key, this separator, then the message (a dump of `kcat -K SEP`); '' for none. */
  keySeparator?: string;
  /**
   * On an engine that reads the file itself: 65,536 lines land at a time, and of those, the lines that start in the
   * same stretch of this many bytes of them as one insert, so a dump of large messages lands in blocks of bounded
   * size. 256 MiB: messages of a few kilobytes land 65,536 at a time.
   */
  blockBytes?: number;
  onProgress?: (progress: ReplayProgress) => void;
}

/** The staging tables of this process's replays in progress (database-qualified). */
const replaysInProgress = new Set<string>();

/**
 * The staging tables that replays killed midway left behind: on the embedded engine no other process can have the
 * data directory open, so a replay table that none of this process's replays is using belongs to no live replay.
 * Also the one staging table that chains set up by an earlier chplan shared (`<name>_replay`, which no replay uses
 * now), when its comment says chplan created it.
 */
async function leftoverReplays(engine: Engine, staging: { database: string; name: string }): Promise<string[]> {
  const tables = await engine.rows<{ name: string; comment: string }>(
    'SELECT name, comment FROM system.tables WHERE database = {db:String} AND startsWith(name, {prefix:String}) ORDER BY name',
    { params: { db: staging.database, prefix: staging.name }, step: 'replay' },
  );
  const ownTable = new RegExp(`^${staging.name}_[0-9a-f]{12}$`);
  return tables
    .filter((t) => (t.name === staging.name ? isPlanDefinition(t.comment) : ownTable.test(t.name)))
    .map((t) => t.name)
    .filter((name) => !replaysInProgress.has(`${staging.database}.${name}`));
}

/**
 * Feeds recorded Debezium messages (one JSON document per line, as Kafka holds them) into the
 * landing table, where the chain takes them exactly as it takes Kafka's: a block of at most 65,536 lines per insert.
 * The embedded engine reads the file itself into a staging table of the replay's own, dropped when it ends (and by the
 * next replay, if this one's process is killed); a server is sent the file in blocks (it cannot see this machine's
 * files).
 * Returns the lines this replay landed: each block is one insert, whole or not at all, so they are the lines of every
 * insert that succeeded (another replay or a Kafka table landing beside it is not counted). On a cluster they go
 * through the route, and the shards' landing tables gain them in the background.
 */
export async function replayFile(
  engine: Engine,
  plan: StreamPlan,
  file: string,
  { topic = 'replay', keySeparator = '', blockBytes = 256 << 20, onProgress = () => {} }: ReplayOptions = {},
): Promise<number> {
  const path = resolve(file);
  if (!Number.isSafeInteger(blockBytes) || blockBytes < 1)
    throw new ConfigError(
      `A replay's blocks must hold a whole number of bytes, at least 1; got ${blockBytes}. Nothing was landed.`,
    );
  if (!existsSync(path) || !statSync(path).isFile())
    throw new ConfigError(`${file} is not a file. Pass a dump with one Debezium message per line. Nothing was landed.`);
  const { replay: staging } = chainTables(plan.manifest.spec);
  let sent = 0;
  if (engine.can.runInProcess) {
    // Staged in a table of its own, then landed a block at a time: each block its own insert, as a Kafka table hands
    // over a poll. The table is dropped however the replay ends; after a failure, a failed drop does not hide it.
    // Tables that killed replays or an earlier chplan left are dropped first.
    const replay = `${staging.name}_${randomUUID().replaceAll('-', '').slice(0, 12)}`;
    const run = (step: string, params: Record<string, string> = {}) =>
      engine.command(statementOf(plan, step), {
        params: { replay, separator: keySeparator, ...params },
        step: 'replay',
      });
    const leftovers = await leftoverReplays(engine, staging);
    for (const name of leftovers) await run('replay_drop', { replay: name });
    if (leftovers.length > 0) onProgress({ phase: 'cleared', tables: leftovers });
    const inProgress = `${staging.database}.${replay}`;
    replaysInProgress.add(inProgress);
    try {
      await run('replay_create');
      await run('replay_file', { path });
      const blocks = await engine.rows<{ first_seq: string; end_seq: string; lines: string }>(
        statementOf(plan, 'replay_blocks'),
        { params: { replay, block_bytes: String(blockBytes) }, step: 'replay' },
      );
      const staged = blocks.reduce((sum, block) => sum + Number(block.lines), 0);
      onProgress({ phase: 'staged', lines: staged });
      for (const block of blocks) {
        await run('replay_block', { topic, from: block.first_seq, to: block.end_seq });
        sent += Number(block.lines);
        onProgress({ phase: 'landed', lines: sent, of: staged });
      }
      await run('replay_drop');
    } catch (cause) {
      await run('replay_drop').catch(() => {});
      throw cause;
    } finally {
      replaysInProgress.delete(inProgress);
    }
  } else {
    let block: string[] = [];
    let bytes = 0;
    const flush = async () => {
      if (block.length === 0) return;
      const rows = block.map((line) => JSON.stringify({ ...keyedLine(line, keySeparator), topic }));
      await engine.command(`${statementOf(plan, 'replay_lines').trimEnd()}\n${rows.join('\n')}\n`, { step: 'replay' });
      sent += rows.length;
      onProgress({ phase: 'landed', lines: sent });
      block = [];
      bytes = 0;
    };
    for await (const read of createInterface({ input: createReadStream(path), crlfDelay: Infinity })) {
      // A byte order mark before the first line (a dump saved by an editor) is no part of its message.
      const line = sent === 0 && block.length === 0 ? read.replace(/^\uFEFF/, '') : read;
      block.push(line);
      bytes += line.length;
      if (bytes > 8 << 20 || block.length >= LANDING_BLOCK_ROWS) await flush();
    }
    await flush();
  }
  return sent;
}
