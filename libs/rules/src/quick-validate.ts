import type { JsonObject, JsonValue, NodeRef, SpecDocument } from '@apiaudit/openapi';
import { joinPointer } from '@apiaudit/openapi';
import { fullFormats } from 'ajv-formats/dist/formats';

// Keywords that never make a value invalid (annotations), and the ones evaluated below. Any other keyword makes
// the answer 'unsure', and the caller falls back to Ajv, which stays the authority on what is invalid.
const ANNOTATIONS = new Set(['description', 'title', 'example', 'examples', 'readOnly', 'writeOnly', 'deprecated', 'xml', 'externalDocs', 'default', 'nullable', '$comment', 'discriminator']);
const EVALUATED = new Set(['type', 'properties', 'required', 'items', 'enum', 'additionalProperties', 'format', 'allOf', 'anyOf', 'maxLength', 'minLength', 'minItems', 'maxItems', 'minimum', 'maximum', 'pattern']);

type FormatCheck = RegExp | ((value: string) => boolean) | { validate: RegExp | ((value: string) => boolean) };
// Ajv's own format definitions, so a format judged here is judged exactly as Ajv would.
const FORMATS = fullFormats as unknown as Record<string, FormatCheck | boolean>;

function formatHolds(format: string, value: string): boolean | undefined {
  const check = FORMATS[format];
  if (check === undefined) return true; // unknown formats are ignored by our Ajv setup (strict: false)
  if (typeof check === 'boolean') return undefined;
  const test = check instanceof RegExp || typeof check === 'function' ? check : check.validate;
  return test instanceof RegExp ? test.test(value) : test(value);
}

function typeMatches(type: string, value: JsonValue): boolean {
  switch (type) {
    case 'object':
      return typeof value === 'object' && value !== null && !Array.isArray(value);
    case 'array':
      return Array.isArray(value);
    case 'string':
      return typeof value === 'string';
    case 'integer':
      return typeof value === 'number' && Number.isInteger(value);
    case 'number':
      return typeof value === 'number';
    case 'boolean':
      return typeof value === 'boolean';
    case 'null':
      return value === null;
    default:
      return false;
  }
}

/**
 * A fast, partial JSON Schema check: 'valid' only when every keyword met was understood and passed. Most examples
 * in real specs are valid and use plain schemas, so this spares Ajv's code generation for them.
 */
export function quickValidate(doc: SpecDocument, schema: JsonValue, at: NodeRef, value: JsonValue, depth = 0): 'valid' | 'unsure' {
  if (depth > 32) return 'unsure';
  const resolved = doc.deref<JsonObject>(schema, at);
  if (!resolved || typeof resolved.value !== 'object' || resolved.value === null || Array.isArray(resolved.value)) return 'unsure';
  const s = resolved.value;
  for (const key of Object.keys(s)) if (!ANNOTATIONS.has(key) && !EVALUATED.has(key) && !key.startsWith('x-')) return 'unsure';
  if (value === null && s.nullable === true) return 'valid';
  if (typeof s.type === 'string' && !typeMatches(s.type, value)) return 'unsure';
  if (Array.isArray(s.type) && !s.type.some((t) => typeof t === 'string' && typeMatches(t, value))) return 'unsure';
  if (Array.isArray(s.enum) && !s.enum.some((e) => JSON.stringify(e) === JSON.stringify(value))) return 'unsure';
  if (typeof value === 'string') {
    const length = [...value].length;
    if (typeof s.maxLength === 'number' && length > s.maxLength) return 'unsure';
    if (typeof s.minLength === 'number' && length < s.minLength) return 'unsure';
    if (typeof s.format === 'string' && formatHolds(s.format, value) !== true) return 'unsure';
    if (typeof s.pattern === 'string') {
      try {
        if (!new RegExp(s.pattern, 'u').test(value)) return 'unsure';
      } catch {
        return 'unsure';
      }
    }
  }
  if (typeof value === 'number') {
    if (typeof s.minimum === 'number' && value < s.minimum) return 'unsure';
    if (typeof s.maximum === 'number' && value > s.maximum) return 'unsure';
  }
  if (Array.isArray(value)) {
    if (typeof s.minItems === 'number' && value.length < s.minItems) return 'unsure';
    if (typeof s.maxItems === 'number' && value.length > s.maxItems) return 'unsure';
  }
  const sub = (name: string, i: number) => ({ file: resolved.at.file, pointer: joinPointer(resolved.at.pointer, name, i) });
  if (Array.isArray(s.allOf) && !s.allOf.every((part, i) => quickValidate(doc, part, sub('allOf', i), value, depth + 1) === 'valid')) return 'unsure';
  if (Array.isArray(s.anyOf) && !s.anyOf.some((part, i) => quickValidate(doc, part, sub('anyOf', i), value, depth + 1) === 'valid')) return 'unsure';
  if (Array.isArray(value) && s.items !== undefined) {
    for (const item of value) if (quickValidate(doc, s.items, { file: resolved.at.file, pointer: joinPointer(resolved.at.pointer, 'items') }, item, depth + 1) !== 'valid') return 'unsure';
  }
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    if (Array.isArray(s.required) && s.required.some((name) => typeof name === 'string' && !(name in value))) return 'unsure';
    const properties = (typeof s.properties === 'object' && s.properties !== null && !Array.isArray(s.properties) ? s.properties : {}) as JsonObject;
    for (const [name, child] of Object.entries(value)) {
      if (name in properties) {
        if (quickValidate(doc, properties[name], { file: resolved.at.file, pointer: joinPointer(resolved.at.pointer, 'properties', name) }, child, depth + 1) !== 'valid') return 'unsure';
      } else if (s.additionalProperties === false) return 'unsure';
      else if (typeof s.additionalProperties === 'object' && s.additionalProperties !== null) return 'unsure';
    }
  }
  return 'valid';
}
