/**
 * Every failure chplan reports on purpose is a ChplanError: a message a human can act
 * on, an exit code, and the original error as `cause`. Exit codes are documented in
 * the README: 1 validation failed, 2 usage/config, 3 execution, 4 refused for safety.
 */
export class ChplanError extends Error {
  readonly exitCode: number = 3;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** Bad flags, config files, dates or plan directories: nothing was touched. */
export class ConfigError extends ChplanError {
  override readonly exitCode = 2;
}

/** A mapping file that is malformed, invalid or inconsistent with the data. */
export class MappingError extends ChplanError {
  override readonly exitCode = 2;
}

/** The source table or its columns are not what chplan needs. */
export class SchemaError extends ChplanError {
  override readonly exitCode = 2;
}

/** The engine could not be reached or refused the credentials. */
export class ConnectionError extends ChplanError {
  override readonly exitCode = 3;
}

/** A statement failed on the engine while running a plan. */
export class ExecutionError extends ChplanError {
  override readonly exitCode = 3;
  constructor(
    message: string,
    readonly details: { step: string; chunk?: string; queryId?: string },
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** chplan stopped on purpose because going on could lose or corrupt data. */
export class SafetyError extends ChplanError {
  override readonly exitCode = 4;
}

/** Keys in the source that the mapping has no column for: they would be dropped. */
export class UnmappedKeysError extends SafetyError {
  constructor(
    message: string,
    readonly keys: readonly { key: string; map: string; rows: number }[],
  ) {
    super(message);
  }
}

/** The run was interrupted on purpose (Ctrl-C); the ledger says `aborted`. */
export class AbortedError extends ChplanError {
  override readonly exitCode = 130;
}

/** The plan on disk is not the plan that was reviewed (or never was). */
export class ApprovalError extends SafetyError {}
