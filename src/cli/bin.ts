import { buildCli } from './cli.js';

// `chplan … | head` closes the pipe early; that is not an error worth a stack trace.
process.stdout.on('error', (error: NodeJS.ErrnoException) => process.exit(error.code === 'EPIPE' ? 0 : 1));
await buildCli(process.argv.slice(2)).parseAsync();
