/**
 * Every field path of a zod schema, from its JSON Schema: `versions[].categories.*.components[].tiers[].upToM3`.
 * Used by the test that keeps docs/tariffs.md in step with the schema.
 */
import { z } from 'zod';

type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  items?: JsonSchema;
  additionalProperties?: JsonSchema | boolean;
  oneOf?: JsonSchema[];
  anyOf?: JsonSchema[];
  allOf?: JsonSchema[];
};

function walk(schema: JsonSchema, path: string, out: Set<string>): void {
  for (const member of [...(schema.oneOf ?? []), ...(schema.anyOf ?? []), ...(schema.allOf ?? [])])
    walk(member, path, out);
  if (schema.items) walk(schema.items, `${path}[]`, out);
  for (const [name, child] of Object.entries(schema.properties ?? {})) {
    const childPath = path ? `${path}.${name}` : name;
    out.add(childPath);
    walk(child, childPath, out);
  }
  if (schema.additionalProperties && typeof schema.additionalProperties === 'object') {
    const childPath = `${path}.*`;
    out.add(childPath);
    walk(schema.additionalProperties, childPath, out);
  }
}

export function fieldPaths(schema: z.ZodType): string[] {
  const out = new Set<string>();
  walk(z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema, '', out);
  return [...out].sort();
}
