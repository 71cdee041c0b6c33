import {
  HTTP_METHODS,
  isJsonObject,
  type HttpMethod,
  type JsonObject,
  type JsonValue,
  type NodeRef,
  type OperationView,
  type SecurityRequirement,
  type SpecDocument,
} from './model';
import { childAt } from './node-address';
import { securityRequirementsOf } from './security-requirements';
import type { Located, NodeResolver } from './node-resolver';
import { mergeParameters, ParameterViews } from './parameter-views';
import { ResponseViews } from './response-views';
import { copyOfStrings, stringsOf } from './string-lists';
import type { VersionAdapter } from './version-adapter';

function methodsOf(item: JsonObject): HttpMethod[] {
  const methods: HttpMethod[] = [];
  for (let i = 0; i < HTTP_METHODS.length; i++) if (item[HTTP_METHODS[i]] !== undefined) methods.push(HTTP_METHODS[i]);
  return methods;
}

function extensionsOf(operation: JsonObject): Record<string, JsonValue> {
  const extensions: Record<string, JsonValue> = {};
  for (const key in operation) if (key.startsWith('x-')) extensions[key] = operation[key];
  return extensions;
}

/** The operations under `paths`, in document order; a path item that declares none is reported as a problem. */
export function buildOperationViews(
  doc: SpecDocument,
  rootAt: NodeRef,
  nodes: NodeResolver,
  adapter: VersionAdapter,
  globalSecurity: SecurityRequirement[] | undefined,
): OperationView[] {
  const root = doc.root;
  const views = new OperationViews(nodes, adapter, root, globalSecurity);
  const operations: OperationView[] = [];
  const paths = isJsonObject(root.paths) ? root.paths : {};
  const pathsAt = childAt(rootAt, 'paths');
  for (const path in paths) {
    if (path.startsWith('x-')) continue;
    const item = nodes.objectAt(paths[path], pathsAt, path);
    if (!item) continue;
    const methods = methodsOf(item.value);
    if (methods.length === 0) {
      doc.problems.push({ code: 'empty-path-item', message: `path '${path}' declares no operation`, at: item.at });
      continue;
    }
    const pathParameters = mergeParameters(nodes, item.value.parameters, item.at, []);
    for (let m = 0; m < methods.length; m++) {
      const operation = nodes.objectAt(item.value[methods[m]], item.at, methods[m]);
      if (operation) operations.push(views.viewOf(path, methods[m], operation, item.at, pathParameters));
    }
  }
  return operations;
}

/** What every operation of one model inherits from the document, and the views operations share. */
class OperationViews {
  private readonly parameters: ParameterViews;
  private readonly responses: ResponseViews;
  private readonly globalProduces: readonly string[];

  constructor(
    private readonly nodes: NodeResolver,
    private readonly adapter: VersionAdapter,
    root: JsonObject,
    private readonly globalSecurity: SecurityRequirement[] | undefined,
  ) {
    this.parameters = new ParameterViews(adapter);
    this.responses = new ResponseViews(nodes, adapter);
    // `produces` is Swagger 2.0's, but read in every version: it keys the sharing of response views, and a 3.x
    // document that carries one has always kept those views apart.
    this.globalProduces = stringsOf(root.produces);
  }

  viewOf(path: string, method: HttpMethod, operation: Located<JsonObject>, pathItemAt: NodeRef, pathParameters: readonly Located<JsonObject>[]): OperationView {
    const o = operation.value;
    const merged = mergeParameters(this.nodes, o.parameters, operation.at, pathParameters);
    const requestBody = this.adapter.requestBody(operation, merged);
    // After the request body: resolving can report problems, and their order is part of the output.
    const parameters = this.parameters.viewsOf(merged);
    const ownProduces = stringsOf(o.produces);
    const ownSecurity = securityRequirementsOf(o.security);
    // One typed literal, absent optional fields as undefined: its fields sit in the object, not in a property
    // array regrown key by key, and every operation shares one hidden class.
    return {
      method,
      path,
      operationId: typeof o.operationId === 'string' ? o.operationId : undefined,
      summary: typeof o.summary === 'string' ? o.summary : undefined,
      tags: copyOfStrings(o.tags),
      deprecated: o.deprecated === true,
      parameters,
      requestBody,
      responses: this.responses.viewsOf(o.responses, operation.at, ownProduces.length ? ownProduces : this.globalProduces),
      security: ownSecurity ?? this.globalSecurity ?? [],
      securityIsOwn: ownSecurity !== undefined,
      extensions: extensionsOf(o),
      value: o,
      at: operation.at,
      pathItemAt,
    };
  }
}
