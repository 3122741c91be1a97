// chplan's library API: everything the CLI does is available from here.
export { connect } from './engine/connect.js';
export type { Engine, EngineOptions, QueryOptions } from './engine/engine.js';
export { loadSettings } from './config/load.js';
export { DEFAULT_SETTINGS, DEMO_DAY, type EngineSettings, type Settings, type TableRef } from './config/settings.js';
export { codePointCompare } from './core/code-point.js';
export * from './core/errors.js';
export {
  readPlanDir,
  verifyPlanDir,
  writePlanDir,
  sealPlan,
  inExecutionOrder,
  numberInOrder,
  type LoadedPlan,
  type SealedPlan,
} from './plan/plan-dir.js';
export { runPlan, type RunAdapter, type Unit, type UnitSummary } from './execute/run-plan.js';
export { record, type RunContext } from './execute/run-context.js';
export { stagedUnits, dayUnits, type StagedUnit, type StagedAdapter } from './execute/staged-units.js';
export { KINDS, registerKind } from './cli/kinds.js';
export { buildCli } from './cli/cli.js';
export { readAnyPlan } from './cli/kind-lookup.js';
export type { PlanKind } from './kinds/kind.js';
// The flatten kind's stages, for callers that drive them one by one.
export { classifyColumns, type SourceSchema } from './kinds/flatten/schema/source-schema.js';
export { introspectSource } from './kinds/flatten/schema/introspect.js';
export { discoverKeys } from './kinds/flatten/discover/discover.js';
export { assignColumns } from './kinds/flatten/mapping/assign-columns.js';
export { readMapping, writeMapping, parseMapping, mappingHash } from './kinds/flatten/mapping/mapping-file.js';
export type { Mapping, MappingEntry } from './kinds/flatten/mapping/mapping.js';
export { compileFlatten, flattenSteps } from './kinds/flatten/compile/compile-plan.js';
export { buildPlan } from './kinds/flatten/plan/build-plan.js';
export { readPlan } from './kinds/flatten/plan/plan.js';
export { runFlatten } from './kinds/flatten/run/run.js';
export { validatePlan } from './kinds/flatten/validate/validate.js';
export { seedDay } from './kinds/flatten/seed/seed.js';
export { transform } from './kinds/flatten/workflows/transform.js';
