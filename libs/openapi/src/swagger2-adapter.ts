import { NO_CONTENT, NO_EXAMPLES, NO_VIA } from './empty-lists';
import { isJsonObject, type ApiModel, type JsonObject, type JsonValue, type MediaTypeView, type NodeRef, type RequestBodyView, type Resolved } from './model';
import { childAt } from './node-address';
import type { Located, NodeResolver } from './node-resolver';
import { copyOfStrings, stringsOf } from './string-lists';
import type { VersionAdapter } from './version-adapter';

// Swagger 2.0 (https://swagger.io/specification/v2/) turned into the 3.x shape the model has: body and formData
// parameters become a request body, `consumes`/`produces` its and the responses' media types, a parameter or
// header that carries `type` is its own schema, host + basePath + schemes are the servers.

/** What an operation with no `consumes` or `produces` (own or document-wide) is taken to exchange. */
const JSON_ONLY: readonly string[] = ['application/json'];
const NO_SCOPES: readonly string[] = [];

export class Swagger2Adapter implements VersionAdapter {
  private readonly globalConsumes: readonly string[];

  constructor(
    private readonly root: JsonObject,
    private readonly rootAt: NodeRef,
    private readonly nodes: NodeResolver,
  ) {
    this.globalConsumes = stringsOf(root.consumes);
  }

  parameterSchema(parameter: JsonObject, at: NodeRef): Resolved<JsonObject> | undefined {
    const schema = parameter.schema === undefined ? undefined : this.nodes.schemaAt(parameter.schema, at, 'schema');
    if (!schema && parameter.type !== undefined) return { value: parameter, at, via: NO_VIA };
    return schema;
  }

  /** From the first `in: body` parameter, else from the `in: formData` ones; the body wins when both are there. */
  requestBody(operation: Located<JsonObject>, parameters: readonly Located<JsonObject>[]): RequestBodyView | undefined {
    const consumes = stringsOf(operation.value.consumes);
    const declared = consumes.length ? consumes : this.globalConsumes;
    const types = declared.length ? declared : JSON_ONLY;
    let hasForm = false;
    for (let i = 0; i < parameters.length; i++) {
      const where = parameters[i].value.in;
      if (where === 'body') return this.requestBodyFromBodyParameter(parameters[i], types);
      if (where === 'formData') hasForm = true;
    }
    return hasForm ? requestBodyFromFormData(parameters, types) : undefined;
  }

  responseContent(response: JsonObject, at: NodeRef, produces: readonly string[]): MediaTypeView[] {
    const schema = response.schema === undefined ? undefined : this.nodes.schemaAt(response.schema, at, 'schema');
    if (!schema) return NO_CONTENT;
    // Examples are keyed by media type, not named: every one is given for every media type, at `examples`.
    let examples = NO_EXAMPLES;
    const rawExamples = response.examples;
    if (isJsonObject(rawExamples)) {
      const examplesAt = childAt(at, 'examples');
      for (const key in rawExamples) {
        if (examples === NO_EXAMPLES) examples = [];
        examples.push({ value: rawExamples[key], at: examplesAt });
      }
    }
    const types = produces.length ? produces : JSON_ONLY;
    const content: MediaTypeView[] = [];
    for (let i = 0; i < types.length; i++) content.push({ mediaType: types[i], schema, examples, at });
    return content;
  }

  headerSchema(header: Located<JsonObject>): Resolved<JsonObject> | undefined {
    return { value: header.value, at: header.at, via: NO_VIA };
  }

  ownScopes(scheme: JsonObject): readonly string[] {
    return isJsonObject(scheme.scopes) ? Object.keys(scheme.scopes) : NO_SCOPES;
  }

  servers(): ApiModel['servers'] {
    const { host, basePath } = this.root;
    if (typeof host !== 'string') return [];
    const declared = copyOfStrings(this.root.schemes);
    const schemes = declared.length ? declared : ['https'];
    const servers: ApiModel['servers'] = [];
    for (const scheme of schemes) servers.push({ url: `${scheme}://${host}${typeof basePath === 'string' ? basePath : ''}`, at: childAt(this.rootAt, 'host') });
    return servers;
  }

  securitySchemes(): Located<JsonValue | undefined> {
    return { value: this.root.securityDefinitions, at: childAt(this.rootAt, 'securityDefinitions') };
  }

  schemas(): Located<JsonValue | undefined> {
    return { value: this.root.definitions, at: childAt(this.rootAt, 'definitions') };
  }

  private requestBodyFromBodyParameter(body: Located<JsonObject>, types: readonly string[]): RequestBodyView {
    const schema = body.value.schema === undefined ? undefined : this.nodes.schemaAt(body.value.schema, body.at, 'schema');
    const content: MediaTypeView[] = [];
    for (let i = 0; i < types.length; i++) {
      const mediaType = types[i];
      content.push(schema ? { mediaType, schema, examples: NO_EXAMPLES, at: body.at } : { mediaType, examples: NO_EXAMPLES, at: body.at });
    }
    return { required: body.value.required === true, content, at: body.at };
  }
}

/** The formData parameters as the properties of one object schema, addressed at the first of them. */
function requestBodyFromFormData(parameters: readonly Located<JsonObject>[], types: readonly string[]): RequestBodyView {
  const properties: JsonObject = {};
  const required: string[] = [];
  let firstAt: NodeRef | undefined;
  for (let i = 0; i < parameters.length; i++) {
    const p = parameters[i].value;
    if (p.in !== 'formData') continue;
    firstAt ??= parameters[i].at;
    properties[String(p.name)] = p;
    if (p.required === true) required.push(String(p.name));
  }
  const at = firstAt!;
  const schema: JsonObject = { type: 'object', properties, required };
  const mediaType = types.find((t) => t.includes('form')) ?? 'multipart/form-data';
  return {
    required: required.length > 0,
    content: [{ mediaType, schema: { value: schema, at, via: NO_VIA }, examples: NO_EXAMPLES, at }],
    at,
  };
}
