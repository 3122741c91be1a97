import type { ChainContext } from './chain-context.js';
import { LANDING_BLOCK_ROWS } from './spec.js';

/**
 * How lines are inserted into the landing table: blocks of at most LANDING_BLOCK_ROWS rows, each as its own INSERT,
 * with the views run in parallel. One insert per block matters: within one INSERT the views' reads of other tables do
 * not see what the same INSERT wrote for earlier blocks, and filling an unchanged TOASTed value reads the processed
 * table (measured: 235 of 13,700 such messages dead-lettered when a 137,283-line dump landed in one INSERT). For the
 * same reason a block reaches the views whole: the engine otherwise hands an insert's rows to the views in pieces of
 * at most 256 MB (`min_insert_block_size_bytes`), so 65,536 messages of more than 4 KB each arrived in two or more,
 * and a piece did not see what the pieces before it wrote (measured: on the benchmark's dump cut at 64 MB, 501
 * unchanged TOASTed values dead-lettered whose earlier version was in the same block). A piece ends at the block's
 * rows instead, and never by bytes.
 */
export const LANDING_INSERT_SETTINGS =
  `parallel_view_processing = 1, max_block_size = ${LANDING_BLOCK_ROWS}, max_insert_block_size = ${LANDING_BLOCK_ROWS}, ` +
  `min_insert_block_size_rows = ${LANDING_BLOCK_ROWS}, min_insert_block_size_bytes = 0, max_threads = 2`;

/**
 * A replayed line as message and message key: split at the first `{separator:String}`, when one is given (as
 * keyedLine splits the lines sent to a server).
 */
const KEYED = "{separator:String} != '' AND position(line, {separator:String}) > 0";
const REPLAYED = {
  value: `if(${KEYED}, substring(line, position(line, {separator:String}) + length({separator:String})), line)`,
  key: `if(${KEYED}, substring(line, 1, position(line, {separator:String}) - 1), '')`,
};

/** A dump's line as message and message key, as REPLAYED splits it in SQL. Pure. */
export function keyedLine(line: string, separator: string): { line: string; key: string } {
  const at = separator === '' ? -1 : line.indexOf(separator);
  return at < 0 ? { line, key: '' } : { line: line.slice(at + separator.length), key: line.slice(0, at) };
}

/** Adds what `chplan replay` runs: a dump's lines staged, cut into blocks, landed one block per insert. */
export function addReplayStatements({ add, parse, arrival }: ChainContext): void {
  add({
    step: 'replay_create',
    file: '02_replay_create.sql',
    role: "chplan replay on an engine that reads the file itself: its own staging table for the dump's lines",
    template: 'replay_create',
    fields: parse,
  });
  add({
    step: 'replay_file',
    file: '02_replay_file.sql',
    role: 'chplan replay on an engine that reads the file itself: the lines into replay staging',
    template: 'replay_file',
    fields: parse,
  });
  add({
    step: 'replay_blocks',
    file: '02_replay_blocks.sql',
    role: 'chplan replay: the blocks its staged lines land in, bounded in lines and bytes',
    template: 'replay_blocks',
    fields: { ...parse, blockRows: LANDING_BLOCK_ROWS },
  });
  add({
    step: 'replay_block',
    file: '02_replay_block.sql',
    role: 'chplan replay: one block of staged lines into the landing table, as one insert (as a Kafka table hands over a poll)',
    template: 'replay_block',
    fields: { ...parse, ...REPLAYED, landing: arrival, settings: LANDING_INSERT_SETTINGS },
  });
  add({
    step: 'replay_drop',
    file: '02_replay_drop.sql',
    role: "drops the replay's staging table once its lines have landed (or it failed)",
    template: 'replay_drop',
    fields: parse,
  });
  add({
    step: 'replay_lines',
    file: '02_replay_lines.sql',
    role: 'chplan replay to a server: the lines follow in blocks',
    template: 'replay_lines',
    fields: {
      ...parse,
      landing: arrival,
      settings: LANDING_INSERT_SETTINGS,
    },
  });
}
