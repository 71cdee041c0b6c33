import type { ApiModel, JsonObject, JsonValue, NodeRef, SpecDocument } from '@apiaudit/openapi';
import { joinPointer } from '@apiaudit/openapi';

export interface SchemaVisit {
  schema: JsonObject;
  at: NodeRef;
  /** Property name that led here, when it is an object property. */
  property?: string;
  depth: number;
}

const CHILD_MAPS = ['properties', 'patternProperties'] as const;
const CHILD_LISTS = ['allOf', 'anyOf', 'oneOf', 'prefixItems'] as const;
const CHILD_SINGLE = ['items', 'additionalProperties', 'not'] as const;

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Visits a schema and every subschema once, following refs; recursive schemas stop at the first repeat.
 * `seen` can be shared across calls so a component used by 200 operations is walked once.
 */
export function walkSchema(doc: SpecDocument, root: JsonValue, at: NodeRef, visit: (v: SchemaVisit) => void, seen = new Set<string>()): void {
  const stack: Array<{ value: JsonValue; at: NodeRef; property?: string; depth: number }> = [{ value: root, at, depth: 0 }];
  while (stack.length > 0) {
    const item = stack.pop()!;
    const resolved = doc.deref<JsonObject>(item.value, item.at);
    if (!resolved || !isObject(resolved.value)) continue;
    const key = `${resolved.at.file}#${resolved.at.pointer}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const schema = resolved.value;
    visit({ schema, at: resolved.at, ...(item.property ? { property: item.property } : {}), depth: item.depth });
    for (const name of CHILD_MAPS) {
      const map = schema[name];
      if (isObject(map)) {
        for (const [prop, value] of Object.entries(map)) {
          stack.push({ value, at: { file: resolved.at.file, pointer: joinPointer(resolved.at.pointer, name, prop) }, property: prop, depth: item.depth + 1 });
        }
      }
    }
    for (const name of CHILD_LISTS) {
      const list = schema[name];
      if (Array.isArray(list)) {
        list.forEach((value, i) => stack.push({ value, at: { file: resolved.at.file, pointer: joinPointer(resolved.at.pointer, name, i) }, depth: item.depth + 1 }));
      }
    }
    for (const name of CHILD_SINGLE) {
      const value = schema[name];
      if (isObject(value)) stack.push({ value, at: { file: resolved.at.file, pointer: joinPointer(resolved.at.pointer, name) }, depth: item.depth + 1 });
    }
  }
}

/** True when a schema (after refs) describes an array, directly or as an object's only array property. */
export function describesArray(doc: SpecDocument, schema: JsonObject | undefined, at: NodeRef): boolean {
  if (!schema) return false;
  if (schema.type === 'array' || (Array.isArray(schema.type) && schema.type.includes('array'))) return true;
  if (isObject(schema.properties)) {
    for (const [name, value] of Object.entries(schema.properties)) {
      if (!['items', 'data', 'results', 'records', 'entries', 'values', 'list', 'elements'].includes(name.toLowerCase())) continue;
      const resolved = doc.deref<JsonObject>(value, { file: at.file, pointer: joinPointer(at.pointer, 'properties', name) });
      if (resolved && isObject(resolved.value) && resolved.value.type === 'array') return true;
    }
  }
  return false;
}

/** Places in request bodies (each shared schema once) where `matches` holds, named by property when there is one. */
export function requestSchemaHits(model: ApiModel, matches: (schema: JsonObject) => boolean): Array<{ at: NodeRef; note?: string }> {
  const hits: Array<{ at: NodeRef; note?: string }> = [];
  const seen = new Set<string>();
  for (const op of model.operations) {
    for (const media of op.requestBody?.content ?? []) {
      if (!media.schema) continue;
      walkSchema(model.doc, media.schema.value, media.schema.at, ({ schema, at, property }) => {
        if (matches(schema)) hits.push({ at, ...(property ? { note: property } : {}) });
      }, seen);
    }
  }
  return hits;
}
