/**
 * Runs `fn` with an AbortSignal that fires on the first Ctrl-C (SIGINT) or SIGTERM, so the
 * running chunk can be stopped and recorded as aborted. A second Ctrl-C exits at once.
 */
export async function withInterrupt<T>(fn: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  const onSignal = () => {
    if (controller.signal.aborted) process.exit(130);
    process.stderr.write('\nStopping: the running chunk is being cancelled (Ctrl-C again to exit at once)…\n');
    controller.abort();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    return await fn(controller.signal);
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}
