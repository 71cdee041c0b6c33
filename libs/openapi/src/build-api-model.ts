import { escapeSegment } from './json-pointer';
import { knownRefTargets } from './load-spec';
import {
  HTTP_METHODS,
  isJsonObject,
  type ApiModel,
  type HeaderView,
  type HttpMethod,
  type JsonObject,
  type JsonValue,
  type MediaTypeView,
  type NodeRef,
  type OperationView,
  type ParameterView,
  type RequestBodyView,
  type Resolved,
  type ResponseView,
  type SecurityRequirement,
  type SecuritySchemeView,
  type SpecDocument,
} from './model';

function allStrings(list: unknown[]): boolean {
  for (let i = 0; i < list.length; i++) if (typeof list[i] !== 'string') return false;
  return true;
}

/** The strings of a list, as a new array (a copy of the list when, as usual, it holds nothing else). */
function strings(value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  if (allStrings(value)) return value.slice() as string[];
  const out: string[] = [];
  for (let i = 0; i < value.length; i++) if (typeof value[i] === 'string') out.push(value[i] as string);
  return out;
}

const MISS = Symbol('not known');
// Past this many hops doc.deref decides (it gives up on cycles at 64).
const MAX_KNOWN_HOPS = 64;

function isRef(value: JsonValue): value is { $ref: string } {
  return typeof value === 'object' && value !== null && typeof (value as { $ref?: unknown }).$ref === 'string';
}

const NO_STRINGS: readonly string[] = [];
const JSON_ONLY: readonly string[] = ['application/json'];
// Most schemas are written in place, most media types have no examples and most responses no headers: those
// views share one frozen empty list (nothing reads a model to change it) instead of surviving with one each.
const NO_VIA: string[] = Object.freeze([]) as unknown as string[];
const NO_EXAMPLES: MediaTypeView['examples'] = Object.freeze([]) as unknown as MediaTypeView['examples'];
const NO_HEADERS: HeaderView[] = Object.freeze([]) as unknown as HeaderView[];
const NO_CONTENT: MediaTypeView[] = Object.freeze([]) as unknown as MediaTypeView[];

/** Like strings(), for lists only read here: no array is made when the key is absent or the list is all strings. */
function stringList(value: unknown): readonly string[] {
  if (!Array.isArray(value) || value.length === 0) return NO_STRINGS;
  return allStrings(value) ? (value as string[]) : strings(value);
}

// Loops that run per operation or per response index their arrays: before the optimizing compiler gets to them,
// for-of makes an iterator result object per step (0.5 MB on Kubernetes).

// Fixed arity, no rest array: the model makes a NodeRef for every parameter, response and media type.
function child(at: NodeRef, segment: string | number, next?: string | number): NodeRef {
  const pointer = `${at.pointer}/${typeof segment === 'number' ? segment : escapeSegment(segment)}`;
  return { file: at.file, pointer: next === undefined ? pointer : `${pointer}/${escapeSegment(next)}` };
}

/** Whether two addresses name the same node: usually the very same NodeRef, when the load's ref cache made it. */
function sameNode(a: NodeRef, b: NodeRef): boolean {
  return a === b || (a.file === b.file && a.pointer === b.pointer);
}

/** Parameter identity for merging: `in` and `name`, compared as the strings `${in}:${name}` would be. */
function sameParameter(a: JsonObject, b: JsonObject): boolean {
  const aIn = typeof a.in === 'string' ? a.in : String(a.in);
  const bIn = typeof b.in === 'string' ? b.in : String(b.in);
  const aName = typeof a.name === 'string' ? a.name : String(a.name);
  const bName = typeof b.name === 'string' ? b.name : String(b.name);
  // A ':' inside `in` makes different pairs spell the same key; compare the keys themselves then.
  if (aIn.includes(':') || bIn.includes(':')) return `${aIn}:${aName}` === `${bIn}:${bName}`;
  return aIn === bIn && aName === bName;
}

/** Builds the version-neutral view of a description (see model.ts), following refs to where nodes live. */
export function buildApiModel(doc: SpecDocument): ApiModel {
  const root = doc.root;
  const rootAt: NodeRef = { file: doc.entryFile, pointer: '' };
  const isV2 = doc.version === '2.0';

  // Most nodes are not refs and most resolved nodes are read and dropped: objectAt() returns the object
  // and leaves its address in `hitAt`, so no Resolved (and no `via` array) is made for them. A non-ref
  // object resolves to itself where it is, as doc.deref would say. A ref is written at `parent`/`key`;
  // that address (a pointer string) is only needed when resolving can fail and report there, so refs the
  // load already resolved are followed through its cache, and only the others go through doc.deref.
  let hitAt: NodeRef = rootAt;
  const known = knownRefTargets(doc);
  let via: string[] | undefined;
  /** The node `value` (a ref) leads to, through known hops only, with `hitAt` set; MISS when a hop is not known. */
  const followKnown = (value: JsonObject, file: string): JsonValue | typeof MISS => {
    let current: JsonValue = value;
    let hops = 0;
    while (isRef(current)) {
      if (hops++ >= MAX_KNOWN_HOPS) return MISS;
      const target = known!(file, current.$ref);
      if (!target) return MISS;
      via?.push(current.$ref);
      current = target.value;
      hitAt = target.at;
      file = target.at.file;
    }
    return current;
  };
  const objectAt = (value: JsonValue | undefined, parent: NodeRef, key: string | number, next?: string | number): JsonObject | undefined => {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
    if (typeof value.$ref !== 'string') {
      hitAt = child(parent, key, next);
      return value;
    }
    if (known) {
      const target = followKnown(value, parent.file);
      if (target !== MISS) return isJsonObject(target) ? target : undefined;
    }
    const resolved = doc.deref<JsonObject>(value, child(parent, key, next));
    if (!resolved || !isJsonObject(resolved.value)) return undefined;
    hitAt = resolved.at;
    return resolved.value;
  };
  // Schemas are kept in the model as Resolved values. Where a `$ref` leads depends only on its text and its file,
  // so views whose schema is the same ref share one Resolved (Kubernetes: 2,300 refs to 800 definitions).
  const refSchemas = new Map<string, Map<string, Resolved<JsonObject>>>();
  const schemaAt = (value: JsonValue | undefined, parent: NodeRef, key: string): Resolved<JsonObject> | undefined => {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
    const ref = value.$ref;
    if (typeof ref !== 'string') return { value, at: child(parent, key), via: NO_VIA };
    let inFile = refSchemas.get(parent.file);
    const shared = inFile?.get(ref);
    if (shared) return shared;
    if (known) {
      const refs: string[] = (via = []);
      const target = followKnown(value, parent.file);
      via = undefined;
      if (target !== MISS) {
        if (!isJsonObject(target)) return undefined;
        const resolved = { value: target, at: hitAt, via: refs };
        if (!inFile) refSchemas.set(parent.file, (inFile = new Map()));
        inFile.set(ref, resolved);
        return resolved;
      }
    }
    const resolved = doc.deref<JsonObject>(value, child(parent, key));
    return resolved && isJsonObject(resolved.value) ? resolved : undefined;
  };
  const globalConsumes = stringList(root.consumes);
  const globalProduces = stringList(root.produces);

  function mediaTypes(content: JsonValue | undefined, at: NodeRef): MediaTypeView[] {
    let views = NO_CONTENT;
    if (!isJsonObject(content)) return views;
    for (const mediaType in content) {
      const media = objectAt(content[mediaType], at, mediaType);
      if (!media) continue;
      const mediaAt = hitAt;
      let examples = NO_EXAMPLES;
      if (media.example !== undefined) examples = [{ value: media.example, at: child(mediaAt, 'example') }];
      const namedExamples = media.examples;
      if (isJsonObject(namedExamples)) {
        for (const name in namedExamples) {
          const example = objectAt(namedExamples[name], mediaAt, 'examples', name);
          if (!example || example.value === undefined) continue;
          if (examples === NO_EXAMPLES) examples = [];
          examples.push({ value: example.value, at: child(hitAt, 'value') });
        }
      }
      const schema = media.schema === undefined ? undefined : schemaAt(media.schema, mediaAt, 'schema');
      if (views === NO_CONTENT) views = [];
      views.push(schema ? { mediaType, schema, examples, at: mediaAt } : { mediaType, examples, at: mediaAt });
    }
    return views;
  }

  function parameterView(p: JsonObject, at: NodeRef): ParameterView | undefined {
    if (typeof p.name !== 'string' || typeof p.in !== 'string' || p.in === 'body') return undefined;
    let schema = p.schema === undefined ? undefined : schemaAt(p.schema, at, 'schema');
    if (!schema && isV2 && p.type !== undefined) schema = { value: p, at, via: NO_VIA };
    const where = p.in as ParameterView['in'];
    const required = p.required === true;
    const deprecated = p.deprecated === true;
    return schema
      ? { name: p.name, in: where, required, deprecated, schema, value: p, at }
      : { name: p.name, in: where, required, deprecated, value: p, at };
  }

  // A path-level parameter recurs in every operation of its path, a shared component in every operation that
  // refers to it: one view per parameter object (and address) serves them all.
  const sharedParameters = new Map<JsonObject, ParameterView>();
  function sharedParameterView(p: JsonObject, at: NodeRef): ParameterView | undefined {
    const known = sharedParameters.get(p);
    if (known && sameNode(known.at, at)) return known;
    const view = parameterView(p, at);
    if (view && !known) sharedParameters.set(p, view);
    return view;
  }

  /** Appends the list's resolved parameters, a later one with the same `in` and `name` taking an earlier one's place. */
  function mergeParameters(list: JsonValue | undefined, owner: NodeRef, values: JsonObject[], ats: NodeRef[]): void {
    if (!Array.isArray(list) || list.length === 0) return;
    const listAt = child(owner, 'parameters');
    for (let i = 0; i < list.length; i++) {
      const param = objectAt(list[i], listAt, i);
      if (!param) continue;
      let j = 0;
      while (j < values.length && !sameParameter(values[j], param)) j++;
      values[j] = param;
      ats[j] = hitAt;
    }
  }

  function requestBodyV2(values: JsonObject[], ats: NodeRef[], consumes: readonly string[]): RequestBodyView | undefined {
    let body = -1;
    let forms = 0;
    for (let i = 0; i < values.length; i++) {
      const where = values[i].in;
      if (where === 'body') {
        if (body === -1) body = i;
      } else if (where === 'formData') forms++;
    }
    const types = consumes.length ? consumes : JSON_ONLY;
    if (body !== -1) {
      const b = values[body];
      const bodyAt = ats[body];
      const schema = b.schema === undefined ? undefined : schemaAt(b.schema, bodyAt, 'schema');
      const content: MediaTypeView[] = [];
      for (let i = 0; i < types.length; i++) {
        const mediaType = types[i];
        content.push(schema ? { mediaType, schema, examples: NO_EXAMPLES, at: bodyAt } : { mediaType, examples: NO_EXAMPLES, at: bodyAt });
      }
      return { required: b.required === true, content, at: bodyAt };
    }
    if (forms > 0) {
      const properties: JsonObject = {};
      const required: string[] = [];
      let firstAt: NodeRef | undefined;
      for (let i = 0; i < values.length; i++) {
        const p = values[i];
        if (p.in !== 'formData') continue;
        firstAt ??= ats[i];
        properties[String(p.name)] = p;
        if (p.required === true) required.push(String(p.name));
      }
      const schema: JsonObject = { type: 'object', properties, required };
      const mediaType = types.find((t) => t.includes('form')) ?? 'multipart/form-data';
      return {
        required: required.length > 0,
        content: [{ mediaType, schema: { value: schema, at: firstAt!, via: NO_VIA }, examples: NO_EXAMPLES, at: firstAt! }],
        at: firstAt!,
      };
    }
    return undefined;
  }

  function headers(raw: JsonValue | undefined, at: NodeRef): HeaderView[] {
    let views = NO_HEADERS;
    for (const name in raw as JsonObject) {
      const header = objectAt((raw as JsonObject)[name], at, name);
      if (!header) continue;
      const headerAt = hitAt;
      const schema = isV2 ? { value: header, at: headerAt, via: NO_VIA } : header.schema === undefined ? undefined : schemaAt(header.schema, headerAt, 'schema');
      const required = header.required === true;
      if (views === NO_HEADERS) views = [];
      views.push(schema ? { name, required, schema, value: header, at: headerAt } : { name, required, value: header, at: headerAt });
    }
    return views;
  }

  function responseView(status: string, r: JsonObject, responseAt: NodeRef, produces: readonly string[]): ResponseView {
    let content: MediaTypeView[];
    if (isV2) {
      const schema = r.schema === undefined ? undefined : schemaAt(r.schema, responseAt, 'schema');
      content = NO_CONTENT;
      if (schema) {
        let examples = NO_EXAMPLES;
        const rawExamples = r.examples;
        if (isJsonObject(rawExamples)) {
          const examplesAt = child(responseAt, 'examples');
          for (const key in rawExamples) {
            if (examples === NO_EXAMPLES) examples = [];
            examples.push({ value: rawExamples[key], at: examplesAt });
          }
        }
        const types = produces.length ? produces : JSON_ONLY;
        content = [];
        for (let i = 0; i < types.length; i++) content.push({ mediaType: types[i], schema, examples, at: responseAt });
      }
    } else {
      content = isJsonObject(r.content) ? mediaTypes(r.content, child(responseAt, 'content')) : NO_CONTENT;
    }
    const headerViews = isJsonObject(r.headers) ? headers(r.headers, child(responseAt, 'headers')) : NO_HEADERS;
    return typeof r.description === 'string'
      ? { status, description: r.description, headers: headerViews, content, at: responseAt }
      : { status, headers: headerViews, content, at: responseAt };
  }

  // Responses written once and referred to from many operations (PagerDuty: 2,184 of 2,602) share one view
  // per response object, as long as it is listed under the same status (and, in OAS 2, the same `produces`).
  const sharedResponses = new Map<JsonObject, { view: ResponseView; produces: readonly string[] }>();

  function responses(raw: JsonValue | undefined, owner: NodeRef, produces: readonly string[]): ResponseView[] {
    const views: ResponseView[] = [];
    if (!isJsonObject(raw)) return views;
    const at = child(owner, 'responses');
    for (const status in raw) {
      if (status.startsWith('x-')) continue;
      const written = raw[status];
      const r = objectAt(written, at, status);
      if (!r) continue;
      if (!isRef(written)) {
        views.push(responseView(status, r, hitAt, produces));
        continue;
      }
      const shared = sharedResponses.get(r);
      if (shared && shared.view.status === status && shared.produces === produces && sameNode(shared.view.at, hitAt)) {
        views.push(shared.view);
        continue;
      }
      const view = responseView(status, r, hitAt, produces);
      if (!shared) sharedResponses.set(r, { view, produces });
      views.push(view);
    }
    return views;
  }

  const globalSecurity = Array.isArray(root.security) ? (root.security as SecurityRequirement[]) : undefined;
  const operations: OperationView[] = [];
  const paths = isJsonObject(root.paths) ? root.paths : {};
  const pathsAt = child(rootAt, 'paths');
  const methods: HttpMethod[] = [];
  for (const path in paths) {
    if (path.startsWith('x-')) continue;
    const item = objectAt(paths[path], pathsAt, path);
    if (!item) continue;
    const itemAt = hitAt;
    methods.length = 0;
    for (let i = 0; i < HTTP_METHODS.length; i++) if (item[HTTP_METHODS[i]] !== undefined) methods.push(HTTP_METHODS[i]);
    if (methods.length === 0) {
      doc.problems.push({ code: 'empty-path-item', message: `path '${path}' declares no operation`, at: itemAt });
      continue;
    }
    const pathValues: JsonObject[] = [];
    const pathAts: NodeRef[] = [];
    mergeParameters(item.parameters, itemAt, pathValues, pathAts);
    for (let m = 0; m < methods.length; m++) {
      const method = methods[m];
      const o = objectAt(item[method], itemAt, method);
      if (!o) continue;
      const opAt = hitAt;
      const values = pathValues.slice();
      const ats = pathAts.slice();
      mergeParameters(o.parameters, opAt, values, ats);
      let requestBody: RequestBodyView | undefined;
      if (isV2) {
        const consumes = stringList(o.consumes);
        requestBody = requestBodyV2(values, ats, consumes.length ? consumes : globalConsumes);
      } else if (o.requestBody !== undefined) {
        const body = objectAt(o.requestBody, opAt, 'requestBody');
        if (body) {
          const bodyAt = hitAt;
          requestBody = { required: body.required === true, content: isJsonObject(body.content) ? mediaTypes(body.content, child(bodyAt, 'content')) : [], at: bodyAt };
        }
      }
      const produces = stringList(o.produces);
      // After the request body, as before: resolving can report problems, and their order is part of the output.
      const parameters: ParameterView[] = [];
      for (let i = 0; i < values.length; i++) {
        const view = sharedParameterView(values[i], ats[i]);
        if (view) parameters.push(view);
      }
      const ownSecurity = Array.isArray(o.security) ? (o.security as SecurityRequirement[]) : undefined;
      const extensions: Record<string, JsonValue> = {};
      for (const key in o) if (key.startsWith('x-')) extensions[key] = o[key];
      // One typed literal, absent optional fields as undefined: its fields sit in the object, not in a property
      // array regrown key by key, and every operation shares one hidden class.
      operations.push({
        method,
        path,
        operationId: typeof o.operationId === 'string' ? o.operationId : undefined,
        summary: typeof o.summary === 'string' ? o.summary : undefined,
        tags: strings(o.tags),
        deprecated: o.deprecated === true,
        parameters,
        requestBody,
        responses: responses(o.responses, opAt, produces.length ? produces : globalProduces),
        security: ownSecurity ?? globalSecurity ?? [],
        securityIsOwn: ownSecurity !== undefined,
        extensions,
        value: o,
        at: opAt,
        pathItemAt: itemAt,
      });
    }
  }

  const servers: ApiModel['servers'] = [];
  if (isV2) {
    if (typeof root.host === 'string') {
      const schemes = strings(root.schemes).length ? strings(root.schemes) : ['https'];
      for (const scheme of schemes) servers.push({ url: `${scheme}://${root.host}${typeof root.basePath === 'string' ? root.basePath : ''}`, at: child(rootAt, 'host') });
    }
  } else if (Array.isArray(root.servers)) {
    root.servers.forEach((server, i) => {
      if (isJsonObject(server) && typeof server.url === 'string') servers.push({ url: server.url, at: child(rootAt, 'servers', i) });
    });
  }

  const schemesAt = isV2 ? child(rootAt, 'securityDefinitions') : child(rootAt, 'components', 'securitySchemes');
  const rawSchemes = isV2 ? root.securityDefinitions : isJsonObject(root.components) ? root.components.securitySchemes : undefined;
  const securitySchemes: SecuritySchemeView[] = [];
  if (isJsonObject(rawSchemes)) {
    for (const name in rawSchemes) {
      const s = objectAt(rawSchemes[name], schemesAt, name);
      if (!s) continue;
      const type = s.type === 'basic' ? 'http' : (s.type as SecuritySchemeView['type']);
      const scopes = new Set<string>();
      if (isV2 && isJsonObject(s.scopes)) Object.keys(s.scopes).forEach((k) => scopes.add(k));
      if (isJsonObject(s.flows)) {
        for (const flow of Object.values(s.flows)) if (isJsonObject(flow) && isJsonObject(flow.scopes)) Object.keys(flow.scopes).forEach((k) => scopes.add(k));
      }
      securitySchemes.push({
        name,
        type,
        ...(typeof s.in === 'string' ? { in: s.in as 'query' | 'header' | 'cookie' } : {}),
        ...(s.type === 'basic' ? { scheme: 'basic' } : typeof s.scheme === 'string' ? { scheme: s.scheme.toLowerCase() } : {}),
        scopes: [...scopes],
        value: s,
        at: hitAt,
      });
    }
  }

  const schemasAt = isV2 ? child(rootAt, 'definitions') : child(rootAt, 'components', 'schemas');
  const rawSchemas = isV2 ? root.definitions : isJsonObject(root.components) ? root.components.schemas : undefined;
  const schemas: ApiModel['schemas'] = [];
  if (isJsonObject(rawSchemas)) {
    for (const name in rawSchemas) {
      const schema = objectAt(rawSchemas[name], schemasAt, name);
      if (schema) schemas.push({ name, value: schema, at: hitAt });
    }
  }

  return { doc, operations, servers, securitySchemes, schemas, globalSecurity };
}
