// chplan's library API: everything the CLI does is available from here.
export { connect } from './engine/connect.js';
export type { Engine, EngineOptions, QueryOptions } from './engine/engine.js';
export { loadSettings } from './config/load.js';
export { DEFAULT_SETTINGS, DEMO_DAY, type Settings, type TableRef } from './config/settings.js';
export { classifyColumns, type SourceSchema } from './schema/source-schema.js';
export { introspectSource } from './schema/introspect.js';
export { discoverKeys } from './discover/discover.js';
export { assignColumns, codePointCompare } from './mapping/assign-columns.js';
export { readMapping, writeMapping, parseMapping, mappingHash } from './mapping/mapping-file.js';
export type { Mapping, MappingEntry } from './mapping/mapping.js';
export { compileFlatten, flattenSteps } from './compile/compile-plan.js';
export { buildPlan } from './plan/build-plan.js';
export { readPlan, writePlanDir } from './plan/plan-dir.js';
export { runPlan } from './execute/run-plan.js';
export { validatePlan } from './validate/validate-plan.js';
export { seedDay } from './seed/seed.js';
export { transform } from './workflows/transform.js';
export * from './errors.js';
