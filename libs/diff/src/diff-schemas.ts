import type { JsonObject, JsonValue, NodeRef, SpecDocument } from '@apiaudit/openapi';
import { joinPointer } from '@apiaudit/openapi';
import type { DiffCheckId } from './diff-checks';

export type Direction = 'request' | 'response';

export interface SchemaSide {
  doc: SpecDocument;
  schema: JsonValue | undefined;
  at: NodeRef;
}

export interface SchemaDifference {
  checkId: DiffCheckId;
  path: string;
  values: Record<string, string>;
  base?: NodeRef;
  revision?: NodeRef;
}

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function typeOf(schema: JsonObject): string | undefined {
  if (typeof schema.type === 'string') return schema.type;
  if (Array.isArray(schema.type)) return schema.type.filter((t) => t !== 'null').join('|') || undefined;
  if (isObject(schema.properties)) return 'object';
  return undefined;
}

function isNullable(schema: JsonObject): boolean {
  return schema.nullable === true || (Array.isArray(schema.type) && schema.type.includes('null'));
}

const MAX_DEPTH = 12;

/**
 * Compares two schemas after following refs on both sides. Direction decides what breaks: a request schema may
 * get looser, a response schema may get stricter. Pairs of nodes already compared are skipped, which both ends
 * recursion in recursive schemas and makes a renamed-but-identical component cost one walk.
 */
export function diffSchemas(base: SchemaSide, revision: SchemaSide, direction: Direction, visited = new Set<string>()): SchemaDifference[] {
  const out: SchemaDifference[] = [];
  const walk = (b: JsonValue | undefined, bAt: NodeRef, r: JsonValue | undefined, rAt: NodeRef, path: string, depth: number) => {
    if (depth > MAX_DEPTH) return;
    const bs = b === undefined ? undefined : base.doc.deref<JsonObject>(b, bAt);
    const rs = r === undefined ? undefined : revision.doc.deref<JsonObject>(r, rAt);
    if (!bs || !rs || !isObject(bs.value) || !isObject(rs.value)) return;
    const pair = `${direction}|${bs.at.file}#${bs.at.pointer}|${rs.at.file}#${rs.at.pointer}`;
    if (visited.has(pair)) return;
    visited.add(pair);
    const s1 = bs.value;
    const s2 = rs.value;
    const where = { base: bs.at, revision: rs.at };
    const label = path || '(body)';
    const t1 = typeOf(s1);
    const t2 = typeOf(s2);
    const widening = direction === 'request' ? t1 === 'integer' && t2 === 'number' : t1 === 'number' && t2 === 'integer';
    if (t1 && t2 && t1 !== t2 && !widening) {
      out.push({ checkId: direction === 'request' ? 'request-property-type-changed' : 'response-property-type-changed', path: label, values: { from: t1, to: t2 }, ...where });
      return;
    }
    if (Array.isArray(s1.enum) && Array.isArray(s2.enum)) {
      const before = new Set(s1.enum.map((v) => JSON.stringify(v)));
      const after = new Set(s2.enum.map((v) => JSON.stringify(v)));
      if (direction === 'request') for (const v of before) if (!after.has(v)) out.push({ checkId: 'request-property-enum-value-removed', path: label, values: { value: v }, ...where });
      if (direction === 'response') for (const v of after) if (!before.has(v)) out.push({ checkId: 'response-property-enum-value-added', path: label, values: { value: v }, ...where });
    }
    const num = (v: JsonValue | undefined) => (typeof v === 'number' ? v : undefined);
    const text = (v: JsonValue | undefined) => (v === undefined ? 'none' : JSON.stringify(v));
    if (typeof s1.format === 'string' && typeof s2.format === 'string' && s1.format !== s2.format) {
      out.push({ checkId: direction === 'request' ? 'request-property-format-changed' : 'response-property-format-changed', path: label, values: { from: s1.format, to: s2.format }, ...where });
    }
    const options1 = Array.isArray(s1.oneOf) ? s1.oneOf.length : Array.isArray(s1.anyOf) ? s1.anyOf.length : undefined;
    const options2 = Array.isArray(s2.oneOf) ? s2.oneOf.length : Array.isArray(s2.anyOf) ? s2.anyOf.length : undefined;
    if (options1 !== undefined && options2 !== undefined) {
      if (direction === 'request' && options2 < options1) out.push({ checkId: 'request-property-option-removed', path: label, values: { from: String(options1), to: String(options2) }, ...where });
      if (direction === 'response' && options2 > options1) out.push({ checkId: 'response-property-option-added', path: label, values: { from: String(options1), to: String(options2) }, ...where });
    }
    if (direction === 'request') {
      const minLength1 = num(s1.minLength) ?? 0;
      if (num(s2.minLength) !== undefined && num(s2.minLength)! > minLength1) out.push({ checkId: 'request-property-min-length-increased', path: label, values: { from: String(minLength1), to: String(s2.minLength) }, ...where });
      const min1 = num(s1.minimum);
      if (num(s2.minimum) !== undefined && (min1 === undefined || num(s2.minimum)! > min1)) out.push({ checkId: 'request-property-minimum-increased', path: label, values: { from: text(s1.minimum), to: String(s2.minimum) }, ...where });
      const max1 = num(s1.maximum);
      if (num(s2.maximum) !== undefined && (max1 === undefined || num(s2.maximum)! < max1)) out.push({ checkId: 'request-property-maximum-decreased', path: label, values: { from: text(s1.maximum), to: String(s2.maximum) }, ...where });
      if (s1.default !== undefined && s2.default !== undefined && JSON.stringify(s1.default) !== JSON.stringify(s2.default)) out.push({ checkId: 'request-property-default-changed', path: label, values: { from: text(s1.default), to: text(s2.default) }, ...where });
      if (isNullable(s1) && !isNullable(s2)) out.push({ checkId: 'request-property-no-longer-nullable', path: label, values: {}, ...where });
      const m1 = typeof s1.maxLength === 'number' ? s1.maxLength : Infinity;
      if (typeof s2.maxLength === 'number' && s2.maxLength < m1) out.push({ checkId: 'request-property-max-length-decreased', path: label, values: { from: String(m1), to: String(s2.maxLength) }, ...where });
      if (typeof s2.pattern === 'string' && s2.pattern !== s1.pattern) out.push({ checkId: 'request-property-pattern-changed', path: label, values: { from: String(s1.pattern ?? 'none'), to: s2.pattern }, ...where });
      if (s2.additionalProperties === false && s1.additionalProperties !== false && t2 === 'object') out.push({ checkId: 'request-additional-properties-closed', path: label, values: {}, ...where });
    } else if (isNullable(s2) && !isNullable(s1) && path) {
      out.push({ checkId: 'response-property-became-nullable', path: label, values: {}, ...where });
    }
    const p1 = isObject(s1.properties) ? s1.properties : {};
    const p2 = isObject(s2.properties) ? s2.properties : {};
    const req1 = new Set(Array.isArray(s1.required) ? s1.required.map(String) : []);
    const req2 = new Set(Array.isArray(s2.required) ? s2.required.map(String) : []);
    const child = (at: NodeRef, ...segments: string[]) => ({ file: at.file, pointer: joinPointer(at.pointer, ...segments) });
    for (const name of Object.keys(p2)) {
      const sub = path ? `${path}.${name}` : name;
      if (!(name in p1)) {
        if (direction === 'request' && req2.has(name)) out.push({ checkId: 'request-property-added-required', path: sub, values: {}, revision: child(rs.at, 'properties', name) });
        if (direction === 'response') out.push({ checkId: 'response-property-added', path: sub, values: {}, revision: child(rs.at, 'properties', name) });
      }
    }
    for (const name of Object.keys(p1)) {
      const sub = path ? `${path}.${name}` : name;
      const bAtProp = child(bs.at, 'properties', name);
      const rAtProp = child(rs.at, 'properties', name);
      if (!(name in p2)) {
        const readOnly = isObject(p1[name]) && (p1[name] as JsonObject).readOnly === true;
        if (direction === 'request' && !readOnly) out.push({ checkId: 'request-property-removed', path: sub, values: {}, base: bAtProp });
        if (direction === 'response') out.push({ checkId: 'response-property-removed', path: sub, values: {}, base: bAtProp });
        continue;
      }
      if (direction === 'request' && req2.has(name) && !req1.has(name)) out.push({ checkId: 'request-property-became-required', path: sub, values: {}, base: bAtProp, revision: rAtProp });
      if (direction === 'response' && req1.has(name) && !req2.has(name)) out.push({ checkId: 'response-property-became-optional', path: sub, values: {}, base: bAtProp, revision: rAtProp });
      if (direction === 'request') {
        const r2 = revision.doc.deref<JsonObject>(p2[name], rAtProp)?.value;
        const r1 = base.doc.deref<JsonObject>(p1[name], bAtProp)?.value;
        if (isObject(r2) && r2.readOnly === true && !(isObject(r1) && r1.readOnly === true)) {
          out.push({ checkId: 'request-property-became-read-only', path: sub, values: {}, base: bAtProp, revision: rAtProp });
          continue;
        }
      }
      if (direction === 'response') {
        const r2 = revision.doc.deref<JsonObject>(p2[name], rAtProp)?.value;
        const r1 = base.doc.deref<JsonObject>(p1[name], bAtProp)?.value;
        if (isObject(r2) && r2.writeOnly === true && !(isObject(r1) && r1.writeOnly === true)) {
          out.push({ checkId: 'response-property-became-write-only', path: sub, values: {}, base: bAtProp, revision: rAtProp });
          continue;
        }
      }
      walk(p1[name], bAtProp, p2[name], rAtProp, sub, depth + 1);
    }
    if (s1.items !== undefined && s2.items !== undefined) walk(s1.items, child(bs.at, 'items'), s2.items, child(rs.at, 'items'), `${path}[]`, depth + 1);
  };
  walk(base.schema, base.at, revision.schema, revision.at, '', 0);
  return out;
}
