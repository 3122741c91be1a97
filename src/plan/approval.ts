import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ApprovalError, ConfigError } from '../core/errors.js';
import { verifyPlanDir } from './plan-dir.js';
import { writeFileAtomic } from '../core/write-atomic.js';
import { shippedSchemaErrors } from '../config/validate-json.js';
import { contentHash, type PlanManifest } from './manifest.js';
import { canonicalJson } from '../core/canonical-json.js';

/** APPROVAL.json: who signed off which plan hash, and the file hashes they saw. */
export interface Approval {
  planHash: string;
  by: string;
  at: string;
  files: Record<string, string>;
  /** sha256 over the fields above (canonical JSON): an edited reviewer, time or file list no longer matches. */
  approvalHash: string;
}

/** The hash that binds an approval's own fields. Pure. */
export function approvalHashOf(approval: Omit<Approval, 'approvalHash'>): string {
  const { planHash, by, at, files } = approval;
  return contentHash(canonicalJson({ planHash, by, at, files }));
}

const APPROVAL_FILE = 'APPROVAL.json';

export function readApproval(dir: string): Approval | null {
  const path = join(dir, APPROVAL_FILE);
  if (!existsSync(path)) return null;
  let approval: unknown;
  try {
    approval = JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    throw new ApprovalError(
      `${path} is not valid JSON; approve the plan again with \`chplan approve ${dir} --by NAME\`.`,
    );
  }
  const problems = shippedSchemaErrors('approval', approval);
  if (problems.length > 0)
    throw new ApprovalError(
      `${path} is not a sign-off chplan wrote (${problems.slice(0, 3).join('; ')}); nothing was run. Approve the plan again with \`chplan approve ${dir} --by NAME\`.`,
    );
  const signed = approval as Approval;
  if (approvalHashOf(signed) !== signed.approvalHash) {
    throw new ApprovalError(
      `${path} was edited after it was recorded: its reviewer, time or file hashes no longer match its approvalHash. Nothing was run. Have the plan approved again with \`chplan approve ${dir} --by NAME\`.`,
    );
  }
  return signed;
}

/** Records a reviewer's sign-off of the plan exactly as it is on disk now. */
export function approvePlan(dir: string, by: string, now = new Date()): Approval {
  if (!by.trim()) throw new ConfigError('--by must name the reviewer (e.g. --by "Dana (DBA)"); nothing was recorded.');
  const plan = verifyPlanDir(dir); // refuses files that differ from the manifest
  const fields = { planHash: plan.manifest.planHash, by: by.trim(), at: now.toISOString(), files: plan.manifest.files };
  const approval: Approval = { ...fields, approvalHash: approvalHashOf(fields) };
  writeFileAtomic(join(plan.dir, APPROVAL_FILE), `${JSON.stringify(approval, null, 2)}\n`);
  return approval;
}

/** Files whose hash differs between an approval and a manifest. Pure. */
export function filesChangedSinceApproval(approval: Approval, manifest: PlanManifest): string[] {
  const names = new Set([...Object.keys(approval.files), ...Object.keys(manifest.files)]);
  return [...names].filter((name) => approval.files[name] !== manifest.files[name]).sort();
}

/**
 * Refuses a plan that was never approved, or whose manifest or files changed since.
 * Call with a plan read by readPlanDir (which already checked files against the manifest).
 */
export function requireApproval(plan: { dir: string; manifest: PlanManifest }): Approval {
  const approval = readApproval(plan.dir);
  if (!approval) {
    throw new ApprovalError(
      `Plan ${plan.dir} has not been approved; nothing was run. A reviewer records sign-off with \`chplan approve ${plan.dir} --by NAME\`.`,
    );
  }
  const changed = filesChangedSinceApproval(approval, plan.manifest);
  if (approval.planHash !== plan.manifest.planHash || changed.length > 0) {
    throw new ApprovalError(
      `Plan ${plan.dir} changed after ${approval.by} approved it on ${approval.at}${changed.length ? `: ${changed.join(', ')}` : ''}. Nothing was run. Have the new plan reviewed and approved again.`,
    );
  }
  return approval;
}

/** verify: hashes of files, manifest and approval, without touching any engine. */
export function verifyPlan(dir: string): {
  plan: { dir: string; manifest: PlanManifest };
  approval: Approval | null;
  approvedChanges: string[];
} {
  const plan = verifyPlanDir(dir);
  const approval = readApproval(plan.dir);
  return { plan, approval, approvedChanges: approval ? filesChangedSinceApproval(approval, plan.manifest) : [] };
}
