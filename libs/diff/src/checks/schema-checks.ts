import type { JsonObject, JsonValue, NodeRef, SpecDocument } from '@apiaudit/openapi';
import { isJsonObject, joinPointer } from '@apiaudit/openapi';
import type { CheckDefinition } from '../change';
import { numberOf } from './json-values';

export const REQUEST_SCHEMA_CHECKS = {
  'request-property-added-required': { level: 'breaking', title: 'Required request property added', message: '{op}: request property {path} is new and required.' },
  'request-property-added-optional': { level: 'non-breaking', title: 'Optional request property added', message: '{op}: request property {path} was added as optional.' },
  'request-property-became-required': { level: 'breaking', title: 'Request property became required', message: '{op}: request property {path} is now required.' },
  'request-property-became-optional': { level: 'non-breaking', title: 'Request property became optional', message: '{op}: request property {path} is now optional.' },
  'request-property-removed': { level: 'potentially-breaking', title: 'Request property removed', message: '{op}: request property {path} was removed; clients still sending it may be rejected.' },
  'request-property-type-changed': { level: 'breaking', title: 'Request property type changed', message: '{op}: request property {path} changed type from {from} to {to}.' },
  'request-property-enum-value-removed': { level: 'breaking', title: 'Request enum value removed', message: '{op}: request property {path} no longer accepts {value}.' },
  'request-property-enum-value-added': { level: 'non-breaking', title: 'Request enum value added', message: '{op}: request property {path} also accepts {value}.' },
  'request-property-max-length-decreased': { level: 'breaking', title: 'Request maxLength lowered', message: '{op}: request property {path} maxLength lowered from {from} to {to}.' },
  'request-property-max-length-increased': { level: 'non-breaking', title: 'Request maxLength raised', message: '{op}: request property {path} maxLength raised from {from} to {to}.' },
  'request-property-min-length-increased': { level: 'breaking', title: 'Request minLength raised', message: '{op}: request property {path} minLength raised from {from} to {to}.' },
  'request-property-minimum-increased': { level: 'breaking', title: 'Request minimum raised', message: '{op}: request property {path} minimum raised from {from} to {to}.' },
  'request-property-maximum-decreased': { level: 'breaking', title: 'Request maximum lowered', message: '{op}: request property {path} maximum lowered from {from} to {to}.' },
  'request-property-max-items-decreased': { level: 'breaking', title: 'Request maxItems lowered', message: '{op}: request array {path} takes at most {to} items instead of {from}.' },
  'request-property-min-items-increased': { level: 'breaking', title: 'Request minItems raised', message: '{op}: request array {path} needs at least {to} items instead of {from}.' },
  'request-property-format-changed': { level: 'potentially-breaking', title: 'Request format changed', message: '{op}: request property {path} format changed from {from} to {to}.' },
  'request-property-default-changed': { level: 'potentially-breaking', title: 'Request default changed', message: '{op}: request property {path} now defaults to {to} instead of {from}.' },
  'request-property-no-longer-nullable': { level: 'breaking', title: 'Request property no longer accepts null', message: '{op}: request property {path} no longer accepts null.' },
  'request-property-became-nullable': { level: 'non-breaking', title: 'Request property accepts null', message: '{op}: request property {path} now accepts null.' },
  'request-property-option-removed': { level: 'breaking', title: 'Request oneOf/anyOf option removed', message: '{op}: request property {path} accepts {to} alternatives instead of {from}.' },
  'request-property-option-added': { level: 'non-breaking', title: 'Request oneOf/anyOf option added', message: '{op}: request property {path} accepts {to} alternatives instead of {from}.' },
  'request-property-pattern-changed': { level: 'potentially-breaking', title: 'Request pattern changed', message: '{op}: request property {path} pattern changed from {from} to {to}.' },
  'request-additional-properties-closed': { level: 'breaking', title: 'Request object closed to extra properties', message: '{op}: request object {path} no longer accepts additional properties.' },
  'request-property-became-read-only': { level: 'breaking', title: 'Request property became readOnly', message: '{op}: request property {path} is now readOnly and must not be sent.' },
  'request-property-no-longer-read-only': { level: 'non-breaking', title: 'Request property no longer readOnly', message: '{op}: request property {path} may now be sent.' },
  'request-property-deprecated': { level: 'info', title: 'Request property deprecated', message: '{op}: request property {path} is now deprecated.' },
  'request-discriminator-changed': { level: 'breaking', title: 'Request discriminator changed', message: '{op}: request {path} is told apart by {to} instead of {from}.' },
  'request-discriminator-mapping-removed': { level: 'breaking', title: 'Request discriminator value removed', message: '{op}: request {path} no longer accepts discriminator value {value}.' },
} satisfies Record<string, CheckDefinition>;

export const RESPONSE_SCHEMA_CHECKS = {
  'response-property-removed': { level: 'breaking', title: 'Response property removed', message: '{op} {status}: response property {path} was removed.' },
  'response-property-added': { level: 'non-breaking', title: 'Response property added', message: '{op} {status}: response property {path} was added.' },
  'response-property-became-optional': { level: 'breaking', title: 'Response property became optional', message: '{op} {status}: response property {path} is no longer always present.' },
  'response-property-became-required': { level: 'non-breaking', title: 'Response property always present', message: '{op} {status}: response property {path} is now always present.' },
  'response-property-type-changed': { level: 'breaking', title: 'Response property type changed', message: '{op} {status}: response property {path} changed type from {from} to {to}.' },
  'response-property-enum-value-added': { level: 'potentially-breaking', title: 'Response enum value added', message: '{op} {status}: response property {path} may now be {value}; exhaustive client switches break.' },
  'response-property-enum-value-removed': { level: 'non-breaking', title: 'Response enum value removed', message: '{op} {status}: response property {path} is never {value} any more.' },
  'response-property-format-changed': { level: 'potentially-breaking', title: 'Response format changed', message: '{op} {status}: response property {path} format changed from {from} to {to}.' },
  'response-property-max-length-increased': { level: 'potentially-breaking', title: 'Response maxLength raised', message: '{op} {status}: response property {path} may now be {to} characters long instead of {from}; fixed-size storage overflows.' },
  'response-property-maximum-increased': { level: 'potentially-breaking', title: 'Response maximum raised', message: '{op} {status}: response property {path} may now reach {to} instead of {from}.' },
  'response-property-became-write-only': { level: 'breaking', title: 'Response property became writeOnly', message: '{op} {status}: response property {path} is now writeOnly and no longer returned.' },
  'response-property-no-longer-write-only': { level: 'non-breaking', title: 'Response property no longer writeOnly', message: '{op} {status}: response property {path} is now returned.' },
  'response-property-option-added': { level: 'potentially-breaking', title: 'Response oneOf/anyOf option added', message: '{op} {status}: response property {path} may now take {to} shapes instead of {from}.' },
  'response-property-option-removed': { level: 'non-breaking', title: 'Response oneOf/anyOf option removed', message: '{op} {status}: response property {path} takes {to} shapes instead of {from}.' },
  'response-property-became-nullable': { level: 'breaking', title: 'Response property became nullable', message: '{op} {status}: response property {path} may now be null.' },
  'response-property-no-longer-nullable': { level: 'non-breaking', title: 'Response property never null', message: '{op} {status}: response property {path} is never null any more.' },
  'response-additional-properties-opened': { level: 'potentially-breaking', title: 'Response object opened to extra properties', message: '{op} {status}: response object {path} may now carry properties not listed; strict deserialisers fail.' },
  'response-property-deprecated': { level: 'info', title: 'Response property deprecated', message: '{op} {status}: response property {path} is now deprecated.' },
  'response-discriminator-changed': { level: 'breaking', title: 'Response discriminator changed', message: '{op} {status}: response {path} is told apart by {to} instead of {from}.' },
  'response-discriminator-mapping-added': { level: 'potentially-breaking', title: 'Response discriminator value added', message: '{op} {status}: response {path} may now carry discriminator value {value}; clients without that subtype fail.' },
} satisfies Record<string, CheckDefinition>;

export type SchemaCheckId = keyof typeof REQUEST_SCHEMA_CHECKS | keyof typeof RESPONSE_SCHEMA_CHECKS;
export type Direction = 'request' | 'response';

export interface SchemaSide {
  doc: SpecDocument;
  schema: JsonValue | undefined;
  at: NodeRef;
}

export interface SchemaDifference {
  checkId: SchemaCheckId;
  path: string;
  values: Record<string, string>;
  base?: NodeRef;
  revision?: NodeRef;
}

const text = (v: JsonValue | undefined) => (v === undefined ? 'none' : JSON.stringify(v));

function isNullable(schema: JsonObject): boolean {
  return schema.nullable === true || (Array.isArray(schema.type) && schema.type.includes('null'));
}

/** A schema with its `allOf` parts folded in: properties (each with where it is written), required, type. */
interface Shape {
  schema: JsonObject;
  at: NodeRef;
  type?: string;
  properties: Map<string, { value: JsonValue; at: NodeRef }>;
  required: Set<string>;
}

function shapeOf(doc: SpecDocument, schema: JsonObject, at: NodeRef, depth = 0): Shape {
  const child = (...segments: Array<string | number>) => ({ file: at.file, pointer: joinPointer(at.pointer, ...segments) });
  const ownType = typeof schema.type === 'string' ? schema.type : Array.isArray(schema.type) ? schema.type.filter((t) => t !== 'null').join('|') || undefined : undefined;
  const shape: Shape = { schema, at, type: ownType, properties: new Map(), required: new Set(Array.isArray(schema.required) ? schema.required.map(String) : []) };
  if (isJsonObject(schema.properties)) for (const [name, value] of Object.entries(schema.properties)) shape.properties.set(name, { value, at: child('properties', name) });
  if (Array.isArray(schema.allOf) && depth < 8) {
    schema.allOf.forEach((part, i) => {
      const resolved = doc.deref<JsonObject>(part, child('allOf', i));
      if (!resolved || !isJsonObject(resolved.value)) return;
      const inner = shapeOf(doc, resolved.value, resolved.at, depth + 1);
      shape.type ??= inner.type;
      for (const [name, prop] of inner.properties) if (!shape.properties.has(name)) shape.properties.set(name, prop);
      for (const name of inner.required) shape.required.add(name);
    });
  }
  if (!shape.type && shape.properties.size > 0) shape.type = 'object';
  return shape;
}

const MAX_DEPTH = 12;

/** Differences found under one pair of schema nodes, with paths relative to that pair. */
export type SchemaMemo = Map<string, SchemaDifference[]>;

/** `name` under `prefix`: properties join with a dot, array items (`[]`) and map values (`{}`) attach directly. */
function joinPath(prefix: string, rest: string): string {
  if (rest === '') return prefix;
  if (prefix === '' || rest.startsWith('[') || rest.startsWith('{')) return prefix + rest;
  return `${prefix}.${rest}`;
}

/**
 * Compares two schemas after following refs on both sides, with `allOf` parts folded in. Direction decides what
 * breaks: a request schema may get looser, a response schema may get stricter. Each pair of nodes is compared
 * once per `memo` (one diff): operations sharing components pay once, a renamed-but-identical component costs one
 * walk, and a pair met again while being compared (a recursive schema) adds nothing.
 */
export function diffSchemas(base: SchemaSide, revision: SchemaSide, direction: Direction, memo: SchemaMemo = new Map()): SchemaDifference[] {
  const request = direction === 'request';
  const inProgress = new Set<string>();
  const walk = (b: JsonValue | undefined, bAt: NodeRef, r: JsonValue | undefined, rAt: NodeRef, depth: number): SchemaDifference[] => {
    if (depth > MAX_DEPTH) return [];
    const bs = b === undefined ? undefined : base.doc.deref<JsonObject>(b, bAt);
    const rs = r === undefined ? undefined : revision.doc.deref<JsonObject>(r, rAt);
    if (!bs || !rs || !isJsonObject(bs.value) || !isJsonObject(rs.value)) return [];
    const pair = `${direction}|${bs.at.file}#${bs.at.pointer}|${rs.at.file}#${rs.at.pointer}`;
    const known = memo.get(pair);
    if (known) return known;
    if (inProgress.has(pair)) return [];
    inProgress.add(pair);
    const out: SchemaDifference[] = [];
    compareNode(bs, rs, depth, out);
    inProgress.delete(pair);
    memo.set(pair, out);
    return out;
  };

  const compareNode = (bs: { value: JsonObject; at: NodeRef }, rs: { value: JsonObject; at: NodeRef }, depth: number, out: SchemaDifference[]) => {
    const before = shapeOf(base.doc, bs.value, bs.at);
    const after = shapeOf(revision.doc, rs.value, rs.at);
    const push = (checkId: SchemaCheckId, values: Record<string, string> = {}) => out.push({ checkId, path: '', values, base: bs.at, revision: rs.at });
    const widening = request ? before.type === 'integer' && after.type === 'number' : before.type === 'number' && after.type === 'integer';
    if (before.type && after.type && before.type !== after.type && !widening) {
      push(request ? 'request-property-type-changed' : 'response-property-type-changed', { from: before.type, to: after.type });
      return;
    }
    compareValues(before.schema, after.schema, request, push);
    compareAlternatives(before.schema, after.schema, request, push);
    compareProperties(before, after, depth, out);
    const nested = (key: 'items' | 'additionalProperties', segment: string) => {
      const [b, r] = [before.schema[key], after.schema[key]];
      if (!isJsonObject(b) || !isJsonObject(r)) return;
      const at = (side: NodeRef) => ({ file: side.file, pointer: joinPointer(side.pointer, key) });
      for (const d of walk(b, at(bs.at), r, at(rs.at), depth + 1)) out.push({ ...d, path: joinPath(segment, d.path) });
    };
    nested('items', '[]');
    nested('additionalProperties', '{}');
  };

  const compareProperties = (before: Shape, after: Shape, depth: number, out: SchemaDifference[]) => {
    for (const [name, prop] of after.properties) {
      if (before.properties.has(name)) continue;
      if (request) out.push({ checkId: after.required.has(name) ? 'request-property-added-required' : 'request-property-added-optional', path: name, values: {}, revision: prop.at });
      else out.push({ checkId: 'response-property-added', path: name, values: {}, revision: prop.at });
    }
    for (const [name, prop] of before.properties) {
      const next = after.properties.get(name);
      const p1 = base.doc.deref<JsonObject>(prop.value, prop.at)?.value;
      if (!next) {
        if (request && !(isJsonObject(p1) && p1.readOnly === true)) out.push({ checkId: 'request-property-removed', path: name, values: {}, base: prop.at });
        if (!request && !(isJsonObject(p1) && p1.writeOnly === true)) out.push({ checkId: 'response-property-removed', path: name, values: {}, base: prop.at });
        continue;
      }
      const at = { base: prop.at, revision: next.at };
      const p2 = revision.doc.deref<JsonObject>(next.value, next.at)?.value;
      const flag = (schema: JsonObject | undefined, key: string) => isJsonObject(schema) && schema[key] === true;
      const note = (checkId: SchemaCheckId) => out.push({ checkId, path: name, values: {}, ...at });
      const wasRequired = before.required.has(name);
      const isRequired = after.required.has(name);
      if (request) {
        if (isRequired && !wasRequired) note('request-property-became-required');
        if (!isRequired && wasRequired) note('request-property-became-optional');
        if (flag(p2, 'readOnly') && !flag(p1, 'readOnly')) {
          note('request-property-became-read-only');
          continue;
        }
        if (flag(p1, 'readOnly') && !flag(p2, 'readOnly')) note('request-property-no-longer-read-only');
        if (flag(p2, 'deprecated') && !flag(p1, 'deprecated')) note('request-property-deprecated');
      } else {
        if (flag(p2, 'writeOnly') && !flag(p1, 'writeOnly')) {
          note('response-property-became-write-only');
          continue;
        }
        if (flag(p1, 'writeOnly') && !flag(p2, 'writeOnly')) note('response-property-no-longer-write-only');
        if (wasRequired && !isRequired) note('response-property-became-optional');
        if (isRequired && !wasRequired) note('response-property-became-required');
        if (flag(p2, 'deprecated') && !flag(p1, 'deprecated')) note('response-property-deprecated');
      }
      for (const d of walk(prop.value, prop.at, next.value, next.at, depth + 1)) out.push({ ...d, path: joinPath(name, d.path) });
    }
  };

  // Whether a whole body may be null is not a property's nullability; it is not reported.
  const bodyNullability = new Set<SchemaCheckId>(['response-property-became-nullable', 'response-property-no-longer-nullable']);
  return walk(base.schema, base.at, revision.schema, revision.at, 0)
    .filter((d) => d.path !== '' || !bodyNullability.has(d.checkId))
    .map((d) => ({ ...d, path: d.path || '(body)' }));
}

type Push = (checkId: SchemaCheckId, values?: Record<string, string>) => void;

/** Constraints on the value itself: enum, format, lengths, bounds, defaults, nullability, openness. */
function compareValues(s1: JsonObject, s2: JsonObject, request: boolean, push: Push): void {
  if (Array.isArray(s1.enum) && Array.isArray(s2.enum)) {
    const before = new Set(s1.enum.map((v) => JSON.stringify(v)));
    const after = new Set(s2.enum.map((v) => JSON.stringify(v)));
    for (const v of before) if (!after.has(v)) push(request ? 'request-property-enum-value-removed' : 'response-property-enum-value-removed', { value: v });
    for (const v of after) if (!before.has(v)) push(request ? 'request-property-enum-value-added' : 'response-property-enum-value-added', { value: v });
  }
  if (typeof s1.format === 'string' && typeof s2.format === 'string' && s1.format !== s2.format) {
    push(request ? 'request-property-format-changed' : 'response-property-format-changed', { from: s1.format, to: s2.format });
  }
  const [maxLen1, maxLen2] = [numberOf(s1.maxLength), numberOf(s2.maxLength)];
  if (request) {
    if (maxLen2 !== undefined && (maxLen1 === undefined || maxLen2 < maxLen1)) push('request-property-max-length-decreased', { from: text(maxLen1), to: String(maxLen2) });
    else if (maxLen1 !== undefined && (maxLen2 === undefined || maxLen2 > maxLen1)) push('request-property-max-length-increased', { from: String(maxLen1), to: text(maxLen2) });
    const minLen2 = numberOf(s2.minLength);
    if (minLen2 !== undefined && minLen2 > (numberOf(s1.minLength) ?? 0)) push('request-property-min-length-increased', { from: String(numberOf(s1.minLength) ?? 0), to: String(minLen2) });
    const [min1, min2, max1, max2] = [numberOf(s1.minimum), numberOf(s2.minimum), numberOf(s1.maximum), numberOf(s2.maximum)];
    if (min2 !== undefined && (min1 === undefined || min2 > min1)) push('request-property-minimum-increased', { from: text(min1), to: String(min2) });
    if (max2 !== undefined && (max1 === undefined || max2 < max1)) push('request-property-maximum-decreased', { from: text(max1), to: String(max2) });
    const [maxItems1, maxItems2] = [numberOf(s1.maxItems), numberOf(s2.maxItems)];
    if (maxItems2 !== undefined && (maxItems1 === undefined || maxItems2 < maxItems1)) push('request-property-max-items-decreased', { from: text(maxItems1), to: String(maxItems2) });
    const minItems2 = numberOf(s2.minItems);
    if (minItems2 !== undefined && minItems2 > (numberOf(s1.minItems) ?? 0)) push('request-property-min-items-increased', { from: String(numberOf(s1.minItems) ?? 0), to: String(minItems2) });
    if (s1.default !== undefined && s2.default !== undefined && JSON.stringify(s1.default) !== JSON.stringify(s2.default)) push('request-property-default-changed', { from: text(s1.default), to: text(s2.default) });
    if (isNullable(s1) && !isNullable(s2)) push('request-property-no-longer-nullable');
    if (!isNullable(s1) && isNullable(s2)) push('request-property-became-nullable');
    if (typeof s2.pattern === 'string' && s2.pattern !== s1.pattern) push('request-property-pattern-changed', { from: String(s1.pattern ?? 'none'), to: s2.pattern });
    if (s2.additionalProperties === false && s1.additionalProperties !== false) push('request-additional-properties-closed');
  } else {
    if (maxLen1 !== undefined && (maxLen2 === undefined || maxLen2 > maxLen1)) push('response-property-max-length-increased', { from: String(maxLen1), to: text(maxLen2) });
    const [max1, max2] = [numberOf(s1.maximum), numberOf(s2.maximum)];
    if (max1 !== undefined && (max2 === undefined || max2 > max1)) push('response-property-maximum-increased', { from: String(max1), to: text(max2) });
    if (isNullable(s2) && !isNullable(s1)) push('response-property-became-nullable');
    if (isNullable(s1) && !isNullable(s2)) push('response-property-no-longer-nullable');
    if (s1.additionalProperties === false && s2.additionalProperties !== false) push('response-additional-properties-opened');
  }
}

/** oneOf/anyOf alternatives and the discriminator that picks among them. */
function compareAlternatives(s1: JsonObject, s2: JsonObject, request: boolean, push: Push): void {
  const count = (s: JsonObject) => (Array.isArray(s.oneOf) ? s.oneOf.length : Array.isArray(s.anyOf) ? s.anyOf.length : undefined);
  const [options1, options2] = [count(s1), count(s2)];
  if (options1 !== undefined && options2 !== undefined && options1 !== options2) {
    const fewer = options2 < options1;
    const values = { from: String(options1), to: String(options2) };
    if (request) push(fewer ? 'request-property-option-removed' : 'request-property-option-added', values);
    else push(fewer ? 'response-property-option-removed' : 'response-property-option-added', values);
  }
  const d1 = isJsonObject(s1.discriminator) ? s1.discriminator : undefined;
  const d2 = isJsonObject(s2.discriminator) ? s2.discriminator : undefined;
  if (!d1 || !d2) return;
  if (d1.propertyName !== d2.propertyName) {
    push(request ? 'request-discriminator-changed' : 'response-discriminator-changed', { from: String(d1.propertyName), to: String(d2.propertyName) });
    return;
  }
  const m1 = Object.keys(isJsonObject(d1.mapping) ? d1.mapping : {});
  const m2 = Object.keys(isJsonObject(d2.mapping) ? d2.mapping : {});
  if (request) for (const value of m1) if (!m2.includes(value)) push('request-discriminator-mapping-removed', { value });
  if (!request) for (const value of m2) if (!m1.includes(value)) push('response-discriminator-mapping-added', { value });
}
