import { buildCli } from './cli.js';

await buildCli(process.argv.slice(2)).parseAsync();
