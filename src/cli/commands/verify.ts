import type { Argv } from 'yargs';
import { verifyPlan } from '../../plan/approval.js';
import { green, print, printJson, yellow } from '../../terminal/output.js';

export const verifyCommand = {
  command: 'verify <plan>',
  describe: "check a plan's files against its manifest and approval, without running anything",
  builder: (yargs: Argv) =>
    yargs
      .positional('plan', { type: 'string', demandOption: true, describe: 'plan directory' })
      .option('json', { type: 'boolean', default: false }),
  handler: (args: { plan: string; json: boolean }) => {
    const { plan, approval, approvedChanges } = verifyPlan(args.plan);
    const approved = approval !== null && approval.planHash === plan.manifest.planHash && approvedChanges.length === 0;
    if (args.json)
      printJson({
        planHash: plan.manifest.planHash,
        files: Object.keys(plan.manifest.files).length,
        approval,
        approved,
        approvedChanges,
      });
    else {
      print(
        green(
          `${plan.dir}: ${Object.keys(plan.manifest.files).length} files match manifest.json (plan hash ${plan.manifest.planHash.slice(0, 16)}).`,
        ),
      );
      if (!approval) print(yellow('Not approved yet: chplan approve PLAN --by NAME'));
      else if (approved) print(green(`Approved by ${approval.by} at ${approval.at}.`));
      else
        print(
          yellow(
            `Approved by ${approval.by} at ${approval.at}, but changed since: ${approvedChanges.join(', ') || 'plan hash'}.`,
          ),
        );
    }
    if (!approved) process.exitCode = 4;
  },
};
