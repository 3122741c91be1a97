import { buildCli } from './cli.js';
import { reportError } from '../terminal/output.js';

// `chplan … | head` closes the pipe early. The work goes on without an audience and the exit
// code still says whether it finished; a pipe error is not worth a stack trace.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') process.exit(1);
});
try {
  await buildCli(process.argv.slice(2)).parseAsync();
} catch (error) {
  // A synchronous command (approve, verify) throws here rather than through yargs' fail handler.
  process.exit(reportError(error, process.argv.includes('--verbose')));
}
