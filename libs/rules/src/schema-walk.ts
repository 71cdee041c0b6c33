import type { ApiModel, JsonObject, JsonValue, NodeRef, SpecDocument } from '@apiaudit/openapi';
import { isJsonObject, joinPointer } from '@apiaudit/openapi';
import { derefNode } from './deref-memo';
import { refOf, type Place } from './lazy-place';

export interface SchemaVisit {
  schema: JsonObject;
  /**
   * Where the schema is written, as a place whose pointer is joined on request (refOf): most visits find nothing
   * to report. Data, not a locating closure: the component walk keeps every visit for the whole lint.
   */
  where: Place;
  /** Property name that led here, when it is an object property. */
  property: string | undefined;
  depth: number;
}

// resolveAt's second answer: the place of the schema it returned (a module slot, so no pair is allocated per node).
let resolvedPlace: Place = { file: '', pointer: '' };

/** The schema at a place, after following a `$ref` (its place in `resolvedPlace`); undefined when it does not resolve to an object. */
function resolveAt(doc: SpecDocument, value: JsonValue, place: Place): JsonObject | undefined {
  if (!isJsonObject(value)) return undefined;
  if (typeof value.$ref === 'string') {
    const resolved = derefNode<JsonObject>(doc, value, place.file, place);
    if (!resolved || !isJsonObject(resolved.value)) return undefined;
    resolvedPlace = resolved.at;
    return resolved.value;
  }
  resolvedPlace = place;
  return value;
}

/**
 * Each direct subschema of `schema`, in a fixed order (properties, patternProperties, allOf, anyOf, oneOf,
 * prefixItems, items, additionalProperties, not), with its place and the property name that leads to it.
 * Written out keyword by keyword: it runs for every schema node of every walk.
 */
function forEachSubschema(schema: JsonObject, here: Place, visit: (value: JsonValue, place: Place, property?: string) => void): void {
  const properties = schema.properties;
  if (isJsonObject(properties)) childMap(properties, 'properties', here, visit);
  const patternProperties = schema.patternProperties;
  if (isJsonObject(patternProperties)) childMap(patternProperties, 'patternProperties', here, visit);
  const allOf = schema.allOf;
  if (Array.isArray(allOf)) childList(allOf, 'allOf', here, visit);
  const anyOf = schema.anyOf;
  if (Array.isArray(anyOf)) childList(anyOf, 'anyOf', here, visit);
  const oneOf = schema.oneOf;
  if (Array.isArray(oneOf)) childList(oneOf, 'oneOf', here, visit);
  const prefixItems = schema.prefixItems;
  if (Array.isArray(prefixItems)) childList(prefixItems, 'prefixItems', here, visit);
  const items = schema.items;
  if (isJsonObject(items)) visit(items, { file: here.file, parent: here, first: 'items' });
  const additionalProperties = schema.additionalProperties;
  if (isJsonObject(additionalProperties)) visit(additionalProperties, { file: here.file, parent: here, first: 'additionalProperties' });
  const not = schema.not;
  if (isJsonObject(not)) visit(not, { file: here.file, parent: here, first: 'not' });
}

function childMap(map: JsonObject, name: string, here: Place, visit: (value: JsonValue, place: Place, property?: string) => void): void {
  for (const prop in map) visit(map[prop], { file: here.file, parent: here, first: name, second: prop }, prop);
}

function childList(list: JsonValue[], name: string, here: Place, visit: (value: JsonValue, place: Place, property?: string) => void): void {
  for (let i = 0; i < list.length; i++) visit(list[i], { file: here.file, parent: here, first: name, second: i });
}

/**
 * Visits a schema and every subschema once, following refs; recursive schemas stop at the first repeat.
 * `seen` (schema nodes already visited) can be shared across calls so a component used by 200 operations is
 * walked once.
 */
export function walkSchema(doc: SpecDocument, root: JsonValue, at: NodeRef, visit: (v: SchemaVisit) => void, seen = new Set<object>()): void {
  const stack: StackItem[] = [{ file: at.file, pointer: at.pointer, parent: undefined, first: undefined, second: undefined, value: root, property: undefined, depth: 0 }];
  while (stack.length > 0) {
    const item = stack.pop()!;
    const schema = resolveAt(doc, item.value, item);
    if (!schema || seen.has(schema)) continue;
    const here = resolvedPlace;
    seen.add(schema);
    visit({ schema, where: here, property: item.property, depth: item.depth });
    pushSubschemas(stack, schema, here, item.depth + 1);
  }
}

/**
 * A subschema waiting on the walk's stack; it is also its own place (one object per subschema, not a place and a
 * stack entry). Every field is always set, so all entries share one shape.
 */
interface StackItem extends Place {
  value: JsonValue;
  property: string | undefined;
  depth: number;
}

function stacked(value: JsonValue, parent: Place, first: string, second: string | number | undefined, property: string | undefined, depth: number): StackItem {
  return { file: parent.file, pointer: undefined, parent, first, second, value, property, depth };
}

/**
 * forEachSubschema for the walk, pushing each subschema straight onto its stack (same order, no callback per node).
 * Property maps are read with for-in, which lists keys in Object.keys order without a key array and, cold, an
 * iterator result per key.
 */
function pushSubschemas(stack: StackItem[], schema: JsonObject, here: Place, depth: number): void {
  const properties = schema.properties;
  if (isJsonObject(properties)) for (const prop in properties) stack.push(stacked(properties[prop], here, 'properties', prop, prop, depth));
  const patternProperties = schema.patternProperties;
  if (isJsonObject(patternProperties)) for (const prop in patternProperties) stack.push(stacked(patternProperties[prop], here, 'patternProperties', prop, prop, depth));
  const allOf = schema.allOf;
  if (Array.isArray(allOf)) for (let i = 0; i < allOf.length; i++) stack.push(stacked(allOf[i], here, 'allOf', i, undefined, depth));
  const anyOf = schema.anyOf;
  if (Array.isArray(anyOf)) for (let i = 0; i < anyOf.length; i++) stack.push(stacked(anyOf[i], here, 'anyOf', i, undefined, depth));
  const oneOf = schema.oneOf;
  if (Array.isArray(oneOf)) for (let i = 0; i < oneOf.length; i++) stack.push(stacked(oneOf[i], here, 'oneOf', i, undefined, depth));
  const prefixItems = schema.prefixItems;
  if (Array.isArray(prefixItems)) for (let i = 0; i < prefixItems.length; i++) stack.push(stacked(prefixItems[i], here, 'prefixItems', i, undefined, depth));
  const items = schema.items;
  if (isJsonObject(items)) stack.push(stacked(items, here, 'items', undefined, undefined, depth));
  const additionalProperties = schema.additionalProperties;
  if (isJsonObject(additionalProperties)) stack.push(stacked(additionalProperties, here, 'additionalProperties', undefined, undefined, depth));
  const not = schema.not;
  if (isJsonObject(not)) stack.push(stacked(not, here, 'not', undefined, undefined, depth));
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
    const schemas = model.schemas;
    const keep = (v: SchemaVisit): void => void list.push(v);
    for (let i = 0; i < schemas.length; i++) walkSchema(model.doc, schemas[i].value, schemas[i].at, keep, seen);
    componentVisits.set(model, (visits = list));
  }
  return visits;
}

const NONE: readonly never[] = [];

/**
 * For rules that must know, per root, everything under it (which operations return a sensitive field): the
 * subschemas where `pick` gives something, collected once per schema node and shared by every root that reaches
 * it. Nodes on a reference cycle are not memoised, so each root still sees its whole cycle. `pick` gets the
 * schema, the property name that leads to it, and `where`, which locates the schema being picked (valid only
 * during that call, so no locator is allocated per node).
 */
export function createSubschemaCollector<T>(
  doc: SpecDocument,
  pick: (schema: JsonObject, property: string | undefined, where: () => NodeRef) => T | undefined,
): (root: JsonValue, at: NodeRef) => T[] {
  const memo = new Map<object, readonly T[]>();
  const open = new Set<object>();
  // Nodes explored during the current root's walk but not memoised (they sit on a cycle): their finds already
  // flow up to this root, so meeting them again adds nothing; the meeting node is then not memoised either.
  let exploredForRoot = new Set<object>();
  // collect's second answer: whether what it returned depends on a node still open (a cycle).
  let onCycleResult = false;
  let picking: Place = { file: '', pointer: '' };
  const where = (): NodeRef => refOf(picking);
  interface Frame {
    node: JsonObject;
    own: T | undefined;
    found: Set<T> | undefined;
    onCycle: boolean;
    children: Array<[JsonValue, Place, string | undefined]>;
    next: number;
  }
  // An explicit stack, not recursion: a chain of 10,000 schemas linked by $ref is 10,000 levels deep.
  const stack: Frame[] = [];
  // Enters a schema: its finds when they are known at once, or undefined after pushing its frame to explore.
  const enter = (value: JsonValue, place: Place, property: string | undefined): readonly T[] | undefined => {
    const node = resolveAt(doc, value, place);
    onCycleResult = false;
    if (!node) return NONE;
    const here = resolvedPlace;
    if (open.has(node)) {
      onCycleResult = true;
      return NONE;
    }
    const known = memo.get(node);
    picking = here;
    const own = pick(node, property || undefined, where);
    if (known) return own === undefined ? known : [own, ...known];
    if (exploredForRoot.has(node)) {
      onCycleResult = true;
      return own === undefined ? NONE : [own];
    }
    open.add(node);
    const children: Frame['children'] = [];
    forEachSubschema(node, here, (v, childPlace, name) => void children.push([v, childPlace, name]));
    stack.push({ node, own, found: undefined, onCycle: false, children, next: 0 });
    return undefined;
  };
  const collect = (value: JsonValue, place: Place): readonly T[] => {
    let result = enter(value, place, undefined);
    while (stack.length > 0) {
      const frame = stack[stack.length - 1];
      if (result !== undefined) {
        // A child's finds (and whether they hang on a cycle) flow into the frame that asked for them.
        if (result.length > 0) {
          frame.found ??= new Set<T>();
          for (let i = 0; i < result.length; i++) frame.found.add(result[i]);
        }
        if (onCycleResult) frame.onCycle = true;
        result = undefined;
      }
      if (frame.next < frame.children.length) {
        const [v, childPlace, name] = frame.children[frame.next++];
        result = enter(v, childPlace, name);
        continue;
      }
      stack.pop();
      open.delete(frame.node);
      const below: readonly T[] = frame.found ? [...frame.found] : NONE;
      if (frame.onCycle) exploredForRoot.add(frame.node);
      else memo.set(frame.node, below);
      onCycleResult = frame.onCycle;
      result = frame.own === undefined ? below : [frame.own, ...below];
    }
    return result!;
  };
  return (root, at) => {
    exploredForRoot = new Set();
    const found = collect(root, { file: at.file, pointer: at.pointer });
    return found.length === 0 ? [] : [...new Set(found)];
  };
}

const LIST_PROPERTIES = new Set(['items', 'data', 'results', 'records', 'entries', 'values', 'list', 'elements']);

/** True when a schema (after refs) describes an array, directly or as an object's only array property. */
export function describesArray(doc: SpecDocument, schema: JsonObject | undefined, at: NodeRef): boolean {
  if (!schema) return false;
  if (schema.type === 'array' || (Array.isArray(schema.type) && schema.type.includes('array'))) return true;
  const properties = schema.properties;
  if (isJsonObject(properties)) {
    // for-in, not Object.entries: it runs for every property of every response schema, cold.
    for (const name in properties) {
      if (!LIST_PROPERTIES.has(name.toLowerCase())) continue;
      const resolved = doc.deref<JsonObject>(properties[name], { file: at.file, pointer: joinPointer(at.pointer, 'properties', name) });
      if (resolved && isJsonObject(resolved.value) && resolved.value.type === 'array') return true;
    }
  }
  return false;
}

const requestVisits = new WeakMap<ApiModel, SchemaVisit[]>();

/** Every schema node in request bodies (each shared schema once), in walk order; walked once per model and shared. */
function requestSchemaNodes(model: ApiModel): readonly SchemaVisit[] {
  let visits = requestVisits.get(model);
  if (!visits) {
    const list: SchemaVisit[] = [];
    const seen = new Set<object>();
    const keep = (v: SchemaVisit): void => void list.push(v);
    const operations = model.operations;
    for (let i = 0; i < operations.length; i++) {
      const content = operations[i].requestBody?.content;
      if (!content) continue;
      for (let j = 0; j < content.length; j++) {
        const schema = content[j].schema;
        if (schema) walkSchema(model.doc, schema.value, schema.at, keep, seen);
      }
    }
    requestVisits.set(model, (visits = list));
  }
  return visits;
}

/**
 * Places in request bodies (each shared schema once) where `matches` holds, named by property when there is one.
 * `at` is a lazy place (grouped() locates only the first few).
 */
export function requestSchemaHits(model: ApiModel, matches: (schema: JsonObject) => boolean): Array<{ at: Place; note?: string }> {
  const hits: Array<{ at: Place; note?: string }> = [];
  const visits = requestSchemaNodes(model);
  for (let i = 0; i < visits.length; i++) {
    const { schema, where, property } = visits[i];
    if (matches(schema)) hits.push(property ? { at: where, note: property } : { at: where });
  }
  return hits;
}
