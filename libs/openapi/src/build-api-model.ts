import { escapeSegment } from './json-pointer';
import {
  HTTP_METHODS,
  type ApiModel,
  type HeaderView,
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

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

// Fixed arity, no rest array: the model makes a NodeRef for every parameter, response and media type.
function child(at: NodeRef, segment: string | number, next?: string | number): NodeRef {
  const pointer = `${at.pointer}/${escapeSegment(segment)}`;
  return { file: at.file, pointer: next === undefined ? pointer : `${pointer}/${escapeSegment(next)}` };
}

/** Builds the version-neutral view of a description (see model.ts), following refs to where nodes live. */
export function buildApiModel(doc: SpecDocument): ApiModel {
  const root = doc.root;
  const rootAt: NodeRef = { file: doc.entryFile, pointer: '' };
  const isV2 = doc.version === '2.0';
  const deref = <T = JsonObject>(value: JsonValue | undefined, at: NodeRef): Resolved<T> | undefined => {
    const resolved = doc.deref<T>(value, at);
    return resolved && isObject(resolved.value) ? resolved : undefined;
  };
  const schemaOf = (value: JsonValue | undefined, at: NodeRef) => (value === undefined ? undefined : deref<JsonObject>(value, at));
  const globalConsumes = strings(root.consumes);
  const globalProduces = strings(root.produces);

  function mediaTypes(content: JsonValue | undefined, at: NodeRef): MediaTypeView[] {
    if (!isObject(content)) return [];
    const views: MediaTypeView[] = [];
    for (const mediaType of Object.keys(content)) {
      const media = deref(content[mediaType], child(at, mediaType));
      if (!media) continue;
      const examples: MediaTypeView['examples'] = [];
      if (media.value.example !== undefined) examples.push({ value: media.value.example, at: child(media.at, 'example') });
      const namedExamples = media.value.examples;
      if (isObject(namedExamples)) {
        for (const name of Object.keys(namedExamples)) {
          const resolved = deref(namedExamples[name], child(media.at, 'examples', name));
          if (resolved && resolved.value.value !== undefined) examples.push({ value: resolved.value.value, at: child(resolved.at, 'value') });
        }
      }
      const schema = schemaOf(media.value.schema, child(media.at, 'schema'));
      views.push({ mediaType, ...(schema ? { schema } : {}), examples, at: media.at });
    }
    return views;
  }

  function parameterView(resolved: Resolved<JsonObject>): ParameterView | undefined {
    const p = resolved.value;
    if (typeof p.name !== 'string' || typeof p.in !== 'string' || p.in === 'body') return undefined;
    let schema = schemaOf(p.schema, child(resolved.at, 'schema'));
    if (!schema && isV2 && p.type !== undefined) schema = { value: p, at: resolved.at, via: [] };
    return {
      name: p.name,
      in: p.in as ParameterView['in'],
      required: p.required === true,
      deprecated: p.deprecated === true,
      ...(schema ? { schema } : {}),
      value: p,
      at: resolved.at,
    };
  }

  function collectParameters(list: JsonValue | undefined, at: NodeRef): Array<Resolved<JsonObject>> {
    const params: Array<Resolved<JsonObject>> = [];
    if (!Array.isArray(list)) return params;
    for (let i = 0; i < list.length; i++) {
      const param = deref(list[i], child(at, i));
      if (param) params.push(param);
    }
    return params;
  }

  function requestBodyV2(params: Array<Resolved<JsonObject>>, consumes: string[]): RequestBodyView | undefined {
    const body = params.find((p) => p.value.in === 'body');
    const form = params.filter((p) => p.value.in === 'formData');
    const types = consumes.length ? consumes : ['application/json'];
    if (body) {
      const schema = schemaOf(body.value.schema, child(body.at, 'schema'));
      return {
        required: body.value.required === true,
        content: types.map((mediaType) => ({ mediaType, ...(schema ? { schema } : {}), examples: [], at: body.at })),
        at: body.at,
      };
    }
    if (form.length > 0) {
      const properties: JsonObject = {};
      for (const p of form) properties[String(p.value.name)] = p.value;
      const schema: JsonObject = { type: 'object', properties, required: form.filter((p) => p.value.required === true).map((p) => String(p.value.name)) };
      const mediaType = types.find((t) => t.includes('form')) ?? 'multipart/form-data';
      return {
        required: form.some((p) => p.value.required === true),
        content: [{ mediaType, schema: { value: schema, at: form[0].at, via: [] }, examples: [], at: form[0].at }],
        at: form[0].at,
      };
    }
    return undefined;
  }

  function headers(raw: JsonValue | undefined, at: NodeRef): HeaderView[] {
    if (!isObject(raw)) return [];
    const views: HeaderView[] = [];
    for (const name of Object.keys(raw)) {
      const header = deref(raw[name], child(at, name));
      if (!header) continue;
      const schema = isV2 ? { value: header.value, at: header.at, via: [] } : schemaOf(header.value.schema, child(header.at, 'schema'));
      views.push({ name, required: header.value.required === true, ...(schema ? { schema } : {}), value: header.value, at: header.at });
    }
    return views;
  }

  function responses(raw: JsonValue | undefined, at: NodeRef, produces: string[]): ResponseView[] {
    if (!isObject(raw)) return [];
    const views: ResponseView[] = [];
    for (const status of Object.keys(raw)) {
      if (status.startsWith('x-')) continue;
      const response = deref(raw[status], child(at, status));
      if (!response) continue;
      const r = response.value;
      let content: MediaTypeView[];
      if (isV2) {
        const schema = schemaOf(r.schema, child(response.at, 'schema'));
        const examples = isObject(r.examples) ? Object.values(r.examples).map((example) => ({ value: example, at: child(response.at, 'examples') })) : [];
        content = schema ? (produces.length ? produces : ['application/json']).map((mediaType) => ({ mediaType, schema, examples, at: response.at })) : [];
      } else {
        content = mediaTypes(r.content, child(response.at, 'content'));
      }
      views.push({ status, ...(typeof r.description === 'string' ? { description: r.description } : {}), headers: headers(r.headers, child(response.at, 'headers')), content, at: response.at });
    }
    return views;
  }

  const globalSecurity = Array.isArray(root.security) ? (root.security as SecurityRequirement[]) : undefined;
  const operations: OperationView[] = [];
  const paths = isObject(root.paths) ? root.paths : {};
  for (const [path, rawItem] of Object.entries(paths)) {
    if (path.startsWith('x-')) continue;
    const item = deref(rawItem, child(rootAt, 'paths', path));
    if (!item) continue;
    const methods = HTTP_METHODS.filter((m) => item.value[m] !== undefined);
    if (methods.length === 0) {
      doc.problems.push({ code: 'empty-path-item', message: `path '${path}' declares no operation`, at: item.at });
      continue;
    }
    const pathParams = collectParameters(item.value.parameters, child(item.at, 'parameters'));
    for (const method of methods) {
      const op = deref(item.value[method], child(item.at, method));
      if (!op) continue;
      const o = op.value;
      const ownParams = collectParameters(o.parameters, child(op.at, 'parameters'));
      const merged = new Map<string, Resolved<JsonObject>>();
      for (const p of pathParams) merged.set(`${String(p.value.in)}:${String(p.value.name)}`, p);
      for (const p of ownParams) merged.set(`${String(p.value.in)}:${String(p.value.name)}`, p);
      const all = [...merged.values()];
      const consumes = isV2 ? strings(o.consumes) : [];
      const produces = strings(o.produces);
      const requestBody = isV2
        ? requestBodyV2(all, consumes.length ? consumes : globalConsumes)
        : (() => {
            const body = deref(o.requestBody, child(op.at, 'requestBody'));
            return body ? { required: body.value.required === true, content: mediaTypes(body.value.content, child(body.at, 'content')), at: body.at } : undefined;
          })();
      // After the request body, as before: resolving can report problems, and their order is part of the output.
      const parameters: ParameterView[] = [];
      for (const p of all) {
        const view = parameterView(p);
        if (view) parameters.push(view);
      }
      const ownSecurity = Array.isArray(o.security) ? (o.security as SecurityRequirement[]) : undefined;
      const extensions: Record<string, JsonValue> = {};
      for (const key of Object.keys(o)) if (key.startsWith('x-')) extensions[key] = o[key];
      operations.push({
        method,
        path,
        ...(typeof o.operationId === 'string' ? { operationId: o.operationId } : {}),
        ...(typeof o.summary === 'string' ? { summary: o.summary } : {}),
        tags: strings(o.tags),
        deprecated: o.deprecated === true,
        parameters,
        ...(requestBody ? { requestBody } : {}),
        responses: responses(o.responses, child(op.at, 'responses'), produces.length ? produces : globalProduces),
        security: ownSecurity ?? globalSecurity ?? [],
        securityIsOwn: ownSecurity !== undefined,
        extensions,
        value: o,
        at: op.at,
        pathItemAt: item.at,
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
      if (isObject(server) && typeof server.url === 'string') servers.push({ url: server.url, at: child(rootAt, 'servers', i) });
    });
  }

  const schemesAt = isV2 ? child(rootAt, 'securityDefinitions') : child(rootAt, 'components', 'securitySchemes');
  const rawSchemes = isV2 ? root.securityDefinitions : isObject(root.components) ? root.components.securitySchemes : undefined;
  const securitySchemes: SecuritySchemeView[] = isObject(rawSchemes)
    ? Object.entries(rawSchemes).flatMap(([name, raw]) => {
        const scheme = deref(raw, child(schemesAt, name));
        if (!scheme) return [];
        const s = scheme.value;
        const type = s.type === 'basic' ? 'http' : (s.type as SecuritySchemeView['type']);
        const scopes = new Set<string>();
        if (isV2 && isObject(s.scopes)) Object.keys(s.scopes).forEach((k) => scopes.add(k));
        if (isObject(s.flows)) {
          for (const flow of Object.values(s.flows)) if (isObject(flow) && isObject(flow.scopes)) Object.keys(flow.scopes).forEach((k) => scopes.add(k));
        }
        return [{
          name,
          type,
          ...(typeof s.in === 'string' ? { in: s.in as 'query' | 'header' | 'cookie' } : {}),
          ...(s.type === 'basic' ? { scheme: 'basic' } : typeof s.scheme === 'string' ? { scheme: s.scheme.toLowerCase() } : {}),
          scopes: [...scopes],
          value: s,
          at: scheme.at,
        }];
      })
    : [];

  const schemasAt = isV2 ? child(rootAt, 'definitions') : child(rootAt, 'components', 'schemas');
  const rawSchemas = isV2 ? root.definitions : isObject(root.components) ? root.components.schemas : undefined;
  const schemas: ApiModel['schemas'] = isObject(rawSchemas)
    ? Object.entries(rawSchemas).flatMap(([name, raw]) => {
        const schema = deref(raw, child(schemasAt, name));
        return schema ? [{ name, value: schema.value, at: schema.at }] : [];
      })
    : [];

  return { doc, operations, servers, securitySchemes, schemas, globalSecurity };
}
