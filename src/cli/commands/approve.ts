import type { Argv } from 'yargs';
import { approvePlan } from '../../plan/approval.js';
import { print, printJson } from '../../terminal/output.js';

export const approveCommand = {
  command: 'approve <plan>',
  describe: "record a reviewer's sign-off of a plan (binds the plan hash and every file hash)",
  builder: (yargs: Argv) =>
    yargs
      .positional('plan', { type: 'string', demandOption: true, describe: 'plan directory' })
      .option('by', { type: 'string', demandOption: true, describe: 'reviewer name' })
      .option('json', { type: 'boolean', default: false }),
  handler: (args: { plan: string; by: string; json: boolean }) => {
    const approval = approvePlan(args.plan, args.by);
    if (args.json) return printJson(approval);
    print(`Approved ${args.plan} (plan hash ${approval.planHash.slice(0, 16)}) by ${approval.by} at ${approval.at}.`);
    print(`Run it with: chplan run ${args.plan} --day YYYY-MM-DD --require-approval`);
  },
};
