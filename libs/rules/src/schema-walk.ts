import type { ApiModel, JsonObject, JsonValue, NodeRef, SpecDocument } from '@apiaudit/openapi';
import { joinPointer } from '@apiaudit/openapi';

export interface SchemaVisit {
  schema: JsonObject;
  /** Where the schema is written; built on request, since most visits find nothing to report. */
  where(): NodeRef;
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

/** A place in a file whose pointer is joined from its parent's only when someone asks for it. */
interface Place {
  file: string;
  pointer?: string;
  parent?: Place;
  segments?: Array<string | number>;
}

function refOf(place: Place): NodeRef {
  place.pointer ??= joinPointer(refOf(place.parent!).pointer, ...place.segments!);
  return { file: place.file, pointer: place.pointer };
}

/** The schema at a place, after following a `$ref`; undefined when it does not resolve to an object. */
function resolveAt(doc: SpecDocument, value: JsonValue, place: Place): { schema: JsonObject; place: Place } | undefined {
  if (isObject(value) && typeof value.$ref === 'string') {
    const resolved = doc.deref<JsonObject>(value, refOf(place));
    if (!resolved || !isObject(resolved.value)) return undefined;
    return { schema: resolved.value, place: { file: resolved.at.file, pointer: resolved.at.pointer } };
  }
  return isObject(value) ? { schema: value, place } : undefined;
}

/** Each direct subschema of `schema`, in a fixed order, with its place and the property name that leads to it. */
function forEachSubschema(schema: JsonObject, here: Place, visit: (value: JsonValue, place: Place, property?: string) => void): void {
  for (const name of CHILD_MAPS) {
    const map = schema[name];
    if (isObject(map)) for (const prop of Object.keys(map)) visit(map[prop], { file: here.file, parent: here, segments: [name, prop] }, prop);
  }
  for (const name of CHILD_LISTS) {
    const list = schema[name];
    if (Array.isArray(list)) list.forEach((value, i) => visit(value, { file: here.file, parent: here, segments: [name, i] }));
  }
  for (const name of CHILD_SINGLE) {
    const value = schema[name];
    if (isObject(value)) visit(value, { file: here.file, parent: here, segments: [name] });
  }
}

/**
 * Visits a schema and every subschema once, following refs; recursive schemas stop at the first repeat.
 * `seen` (schema nodes already visited) can be shared across calls so a component used by 200 operations is
 * walked once.
 */
export function walkSchema(doc: SpecDocument, root: JsonValue, at: NodeRef, visit: (v: SchemaVisit) => void, seen = new Set<object>()): void {
  const stack: Array<{ value: JsonValue; place: Place; property?: string; depth: number }> = [{ value: root, place: { file: at.file, pointer: at.pointer }, depth: 0 }];
  while (stack.length > 0) {
    const item = stack.pop()!;
    const resolved = resolveAt(doc, item.value, item.place);
    if (!resolved || seen.has(resolved.schema)) continue;
    const { schema, place: here } = resolved;
    seen.add(schema);
    visit({ schema, where: () => refOf(here), ...(item.property ? { property: item.property } : {}), depth: item.depth });
    forEachSubschema(schema, here, (value, place, property) => stack.push({ value, place, ...(property ? { property } : {}), depth: item.depth + 1 }));
  }
}

const componentVisits = new WeakMap<ApiModel, SchemaVisit[]>();

/**
 * Every schema node under the named components (`components/schemas`, `definitions`), each once, in walk order.
 * Several rules inspect all of them; walking once per model and sharing the list saves a walk per rule.
 */
export function componentSchemaNodes(model: ApiModel): readonly SchemaVisit[] {
  let visits = componentVisits.get(model);
  if (!visits) {
    const list: SchemaVisit[] = [];
    const seen = new Set<object>();
    for (const { value, at } of model.schemas) walkSchema(model.doc, value, at, (v) => list.push(v), seen);
    componentVisits.set(model, (visits = list));
  }
  return visits;
}

/**
 * For rules that must know, per root, everything under it (which operations return a sensitive field): the
 * subschemas where `pick` gives something, collected once per schema node and shared by every root that reaches
 * it. Nodes on a reference cycle are not memoised, so each root still sees its whole cycle.
 */
export function createSubschemaCollector<T>(doc: SpecDocument, pick: (v: SchemaVisit) => T | undefined): (root: JsonValue, at: NodeRef) => T[] {
  const memo = new Map<object, T[]>();
  const open = new Set<object>();
  // Nodes explored during the current root's walk but not memoised (they sit on a cycle): their finds already
  // flow up to this root, so meeting them again adds nothing; the meeting node is then not memoised either.
  let exploredForRoot = new Set<object>();
  const collect = (value: JsonValue, place: Place, property: string | undefined, depth: number): { found: T[]; onCycle: boolean } => {
    const resolved = resolveAt(doc, value, place);
    if (!resolved) return { found: [], onCycle: false };
    const { schema: node, place: here } = resolved;
    if (open.has(node)) return { found: [], onCycle: true };
    const known = memo.get(node);
    const own = pick({ schema: node, where: () => refOf(here), ...(property ? { property } : {}), depth });
    if (known) return { found: own === undefined ? known : [own, ...known], onCycle: false };
    if (exploredForRoot.has(node)) return { found: own === undefined ? [] : [own], onCycle: true };
    open.add(node);
    const found = new Set<T>();
    let onCycle = false;
    forEachSubschema(node, here, (v, childPlace, name) => {
      const result = collect(v, childPlace, name, depth + 1);
      for (const item of result.found) found.add(item);
      onCycle ||= result.onCycle;
    });
    open.delete(node);
    const below = [...found];
    if (onCycle) exploredForRoot.add(node);
    else memo.set(node, below);
    return { found: own === undefined ? below : [own, ...below], onCycle };
  };
  return (root, at) => {
    exploredForRoot = new Set();
    return [...new Set(collect(root, { file: at.file, pointer: at.pointer }, undefined, 0).found)];
  };
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
  const seen = new Set<object>();
  for (const op of model.operations) {
    for (const media of op.requestBody?.content ?? []) {
      if (!media.schema) continue;
      walkSchema(model.doc, media.schema.value, media.schema.at, ({ schema, where, property }) => {
        if (matches(schema)) hits.push({ at: where(), ...(property ? { note: property } : {}) });
      }, seen);
    }
  }
  return hits;
}
