import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Ajv as AjvType, ErrorObject } from 'ajv';
import { packagePath } from '../core/package-path.js';

// Loaded on first use, not at start-up (commands like --help validate nothing).
let instance: AjvType | null = null;
function ajv(): AjvType {
  if (!instance) {
    const { Ajv } = createRequire(import.meta.url)('ajv') as typeof import('ajv');
    instance = new Ajv({ allErrors: true, strict: false });
  }
  return instance;
}

/**
 * Validates `data` against a JSON schema and returns human messages naming each bad
 * field (`/chunk must be one of: day, hour`), or an empty list when it is valid.
 */
export function schemaErrors(schema: object, data: unknown): string[] {
  const validate = ajv().getSchema((schema as { $id?: string }).$id ?? '') ?? ajv().compile(schema);
  if (validate(data)) return [];
  return (validate.errors ?? []).map(describe);
}

const shipped = new Map<string, object>();

/** schemaErrors against one of chplan's own schemas, `schemas/<name>.schema.json`. */
export function shippedSchemaErrors(name: string, data: unknown): string[] {
  let schema = shipped.get(name);
  if (!schema)
    shipped.set(
      name,
      (schema = JSON.parse(readFileSync(packagePath(`schemas/${name}.schema.json`), 'utf8')) as object),
    );
  return schemaErrors(schema, data);
}

function describe(error: ErrorObject): string {
  const field = error.instancePath || '(top level)';
  switch (error.keyword) {
    case 'additionalProperties':
      return `${field}: unknown field "${(error.params as { additionalProperty: string }).additionalProperty}"`;
    case 'enum':
      return `${field} must be one of: ${(error.params as { allowedValues: unknown[] }).allowedValues.join(', ')}`;
    case 'required':
      return `${field}: missing required field "${(error.params as { missingProperty: string }).missingProperty}"`;
    default:
      return `${field} ${error.message ?? 'is invalid'}`;
  }
}
