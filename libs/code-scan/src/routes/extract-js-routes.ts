import { nodesOfType, lineOf, stringLiteral, type ParsedFile, type SyntaxNode } from '../syntax/parse-source';
import { resolveJsModule } from './module-resolution';
import { RouteGraph, type Framework } from './route-graph';

const VERBS: Record<string, string> = { get: 'GET', post: 'POST', put: 'PUT', patch: 'PATCH', delete: 'DELETE', del: 'DELETE', head: 'HEAD', options: 'OPTIONS', all: 'ANY' };
/** Calls that return the router they are called on, so chains keep pointing at it. */
const CHAINABLE = new Set([...Object.keys(VERBS), 'use', 'routes', 'middleware', 'allowedMethods', 'param', 'register', 'prefix', 'addHook', 'decorate']);
const FACTORIES = new Set(['Router', 'express', 'fastify', 'Fastify', 'Koa', 'KoaRouter']);
const PLUGIN_WRAPPERS = new Set(['fp', 'fastifyPlugin']);
const SERVER_PACKAGES: Record<string, Framework> = {
  express: 'express',
  'koa-router': 'koa',
  '@koa/router': 'koa',
  koa: 'koa',
  fastify: 'fastify',
  'fastify-plugin': 'fastify',
};
/** Receivers that are HTTP clients, not routers: `axios.get('/x')` declares nothing. */
const CLIENTS = /^(axios|https?|got|request|superagent|fetch|ky|client|httpClient|httpService|supertest|agent|\$http|cache|map|store|redis|headers|params|query|searchParams|config)$/i;
const FUNCTIONS = new Set(['function_declaration', 'function_expression', 'arrow_function', 'method_definition', 'generator_function_declaration', 'function']);

interface FileContext {
  file: ParsedFile;
  known: ReadonlySet<string>;
  graph: RouteGraph;
  framework: Framework | undefined;
  scopeNames: Map<number, Set<string>>;
}

function paramNames(fn: SyntaxNode): string[] {
  const params = fn.childForFieldName('parameters') ?? fn.childForFieldName('parameter');
  if (!params) return [];
  if (params.type === 'identifier') return [params.text];
  return params.namedChildren.map((p) => {
    const pattern = p.childForFieldName('pattern') ?? p;
    return pattern.type === 'identifier' ? pattern.text : '';
  });
}

/** Names a function declares: its parameters and the variables and functions in its own body. */
function namesDeclaredIn(ctx: FileContext, fn: SyntaxNode): Set<string> {
  let names = ctx.scopeNames.get(fn.id);
  if (names) return names;
  names = new Set(paramNames(fn).filter(Boolean));
  const body = fn.childForFieldName('body');
  if (body) {
    for (const decl of body.descendantsOfType(['variable_declarator', 'function_declaration'])) {
      let owner = decl.parent;
      while (owner && !FUNCTIONS.has(owner.type)) owner = owner.parent;
      const name = decl.childForFieldName('name');
      if (owner?.id === fn.id && name?.type === 'identifier') names.add(name.text);
    }
  }
  ctx.scopeNames.set(fn.id, names);
  return names;
}

/** The id of the variable an identifier refers to, scoped to the function that declares it (or the module). */
function variableId(ctx: FileContext, node: SyntaxNode, name = node.text): string {
  for (let scope = node.parent; scope; scope = scope.parent) {
    if (FUNCTIONS.has(scope.type) && namesDeclaredIn(ctx, scope).has(name)) return `${ctx.file.path}:${scope.startIndex}#${name}`;
  }
  return `${ctx.file.path}:0#${name}`;
}

function functionValue(ctx: FileContext, fn: SyntaxNode): string {
  const id = `fn:${ctx.file.path}@${fn.startIndex}#fn`;
  if (!ctx.graph.functionParams.has(id)) ctx.graph.functionParams.set(id, paramNames(fn).map((p) => `${ctx.file.path}:${fn.startIndex}#${p}`));
  return id;
}

function moduleExport(ctx: FileContext, specifier: string, name: string): string {
  const target = resolveJsModule(ctx.file.path, specifier, ctx.known);
  return target ? `${target}#export:${name}` : `pkg:${specifier}#${name}`;
}

function objectProperty(object: SyntaxNode | null | undefined, key: string): SyntaxNode | undefined {
  if (object?.type !== 'object') return undefined;
  for (const pair of object.namedChildren) {
    if (pair.type === 'pair' && (pair.childForFieldName('key')?.text.replace(/['"]/g, '') ?? '') === key) return pair.childForFieldName('value') ?? undefined;
  }
  return undefined;
}

function args(call: SyntaxNode): SyntaxNode[] {
  return call.childForFieldName('arguments')?.namedChildren.filter((n) => n.type !== 'comment') ?? [];
}

/** A route path: a literal, or a concatenation whose literal parts are kept (`options.prefix + 'articles'`). */
function pathValue(node: SyntaxNode | undefined): string | undefined {
  if (!node) return undefined;
  const literal = stringLiteral(node);
  if (literal !== undefined) return literal;
  if (node.type === 'binary_expression' && node.childForFieldName('operator')?.text === '+') {
    const left = pathValue(node.childForFieldName('left') ?? undefined);
    const right = pathValue(node.childForFieldName('right') ?? undefined);
    if (left === undefined && right === undefined) return undefined;
    return `${left ?? ''}${right ?? ''}`;
  }
  if (node.type === 'template_string') {
    return node.namedChildren.filter((c) => c.type === 'string_fragment').map((c) => c.text).join('');
  }
  return undefined;
}

/** What value an expression denotes, as a graph id, when it can be a router, a module or a function. */
function valueOf(ctx: FileContext, node: SyntaxNode | null | undefined): string | undefined {
  if (!node) return undefined;
  switch (node.type) {
    case 'identifier':
    case 'shorthand_property_identifier':
      return variableId(ctx, node);
    case 'this':
      return `${ctx.file.path}:this`;
    case 'member_expression': {
      const object = valueOf(ctx, node.childForFieldName('object'));
      return object && `${object}.${node.childForFieldName('property')?.text}`;
    }
    case 'parenthesized_expression':
    case 'await_expression':
    case 'as_expression':
    case 'satisfies_expression':
    case 'non_null_expression':
      return valueOf(ctx, node.namedChildren[0]);
    case 'arrow_function':
    case 'function_expression':
    case 'function':
      return functionValue(ctx, node);
    case 'new_expression': {
      const ctor = node.childForFieldName('constructor');
      const name = ctor?.type === 'member_expression' ? ctor.childForFieldName('property')?.text : ctor?.text;
      if (!name || !(FACTORIES.has(name) || /Router$/.test(name))) return undefined;
      const id = `${ctx.file.path}@${node.startIndex}`;
      ctx.graph.factories.add(id);
      const prefix = stringLiteral(objectProperty(args(node)[0], 'prefix'));
      if (prefix) ctx.graph.setOwnPrefix(id, prefix);
      return id;
    }
    case 'call_expression': {
      const fn = node.childForFieldName('function');
      const first = args(node)[0];
      if (fn?.type === 'identifier') {
        if (fn.text === 'require') {
          const specifier = stringLiteral(first);
          return specifier === undefined ? undefined : moduleExport(ctx, specifier, 'default');
        }
        if (FACTORIES.has(fn.text)) {
          const id = `${ctx.file.path}@${node.startIndex}`;
          ctx.graph.factories.add(id);
          return id;
        }
        if (PLUGIN_WRAPPERS.has(fn.text)) return valueOf(ctx, first);
      }
      if (fn?.type === 'member_expression') {
        const property = fn.childForFieldName('property')?.text ?? '';
        const object = fn.childForFieldName('object');
        if (property === 'Router' && object?.text === 'express') {
          const id = `${ctx.file.path}@${node.startIndex}`;
          ctx.graph.factories.add(id);
          return id;
        }
        if (CHAINABLE.has(property)) return valueOf(ctx, object);
      }
      return undefined;
    }
    default:
      return undefined;
  }
}

function handlerName(node: SyntaxNode | undefined): string | undefined {
  if (!node) return undefined;
  if (node.type === 'identifier' || node.type === 'member_expression') return node.text;
  return undefined;
}

function addRoute(ctx: FileContext, router: string | undefined, method: string, path: string, at: SyntaxNode, handler?: SyntaxNode): void {
  if (!router) return;
  const name = handlerName(handler);
  ctx.graph.addRoute({ router, method, path, file: ctx.file.path, line: lineOf(at), framework: ctx.framework ?? 'express', ...(name ? { handler: name } : {}), ...(ctx.framework ? {} : { requiresKnownRouter: true }) });
}

/** Fastify's `server.route({ method, url, handler })`. */
function readRouteOptions(ctx: FileContext, router: string | undefined, options: SyntaxNode, at: SyntaxNode): void {
  const path = pathValue(objectProperty(options, 'url') ?? objectProperty(options, 'path'));
  const methodNode = objectProperty(options, 'method');
  if (path === undefined || !methodNode) return;
  const methods = methodNode.type === 'array' ? methodNode.namedChildren.map(stringLiteral) : [stringLiteral(methodNode)];
  for (const method of methods) if (method) addRoute(ctx, router, method.toUpperCase(), path, at, objectProperty(options, 'handler'));
}

function readCall(ctx: FileContext, call: SyntaxNode, pending: Array<() => void>): void {
  const fn = call.childForFieldName('function');
  const list = args(call);
  if (fn?.type !== 'member_expression') {
    // A call of one of our own functions binds its parameters to the routers passed in: `registerRoutes(app)`.
    const callee = valueOf(ctx, fn);
    if (callee && list.length) {
      const argIds = list.map((a) => valueOf(ctx, a));
      pending.push(() => {
        const params = ctx.graph.functionParams.get(ctx.graph.canonical(callee));
        params?.forEach((param, i) => ctx.graph.mount(argIds[i], '', param));
      });
    }
    return;
  }
  const property = fn.childForFieldName('property')?.text ?? '';
  const object = fn.childForFieldName('object')!;
  if (VERBS[property] && list.length >= 2) {
    // router.route('/x').get(h).post(h): the path comes from route() further down the chain.
    let base = object;
    while (base.type === 'call_expression' && VERBS[base.childForFieldName('function')?.childForFieldName('property')?.text ?? '']) {
      base = base.childForFieldName('function')!.childForFieldName('object')!;
    }
    const path = pathValue(list[0]);
    if (path === undefined || !(path === '' || path.startsWith('/') || path.startsWith('*') || /^[\w:]/.test(path))) return;
    if (CLIENTS.test(receiverName(object))) return;
    addRoute(ctx, valueOf(ctx, object), VERBS[property], path, call, list[list.length - 1]);
    return;
  }
  if (VERBS[property] && list.length === 1 && object.type === 'call_expression') {
    let base: SyntaxNode = object;
    while (base.type === 'call_expression' && VERBS[base.childForFieldName('function')?.childForFieldName('property')?.text ?? '']) {
      base = base.childForFieldName('function')!.childForFieldName('object')!;
    }
    const route = base.type === 'call_expression' ? base.childForFieldName('function') : null;
    if (route?.type === 'member_expression' && route.childForFieldName('property')?.text === 'route') {
      const path = pathValue(args(base)[0]);
      if (path !== undefined) addRoute(ctx, valueOf(ctx, route.childForFieldName('object')), VERBS[property], path, call, list[0]);
    }
    return;
  }
  if (property === 'route' && list[0]?.type === 'object') {
    readRouteOptions(ctx, valueOf(ctx, object), list[0], call);
    return;
  }
  if (property === 'use') {
    const prefix = pathValue(list[0]);
    const children = prefix === undefined ? list : list.slice(1);
    const parent = valueOf(ctx, object);
    for (const child of children) ctx.graph.mount(parent, prefix ?? '', valueOf(ctx, child));
    return;
  }
  if (property === 'register' && list.length) {
    const prefix = stringLiteral(objectProperty(list[1], 'prefix')) ?? '';
    ctx.graph.mount(valueOf(ctx, object), prefix, valueOf(ctx, list[0]));
    return;
  }
  if (property === 'prefix' && list.length === 1) {
    const prefix = stringLiteral(list[0]);
    const router = valueOf(ctx, object);
    if (prefix && router) ctx.graph.setOwnPrefix(router, prefix);
  }
}

function receiverName(node: SyntaxNode): string {
  if (node.type === 'member_expression') return node.childForFieldName('property')?.text ?? '';
  if (node.type === 'call_expression') return '';
  return node.text;
}

function readDeclarations(ctx: FileContext): void {
  const { graph, file } = ctx;
  for (const node of nodesOfType(file, ['import_statement', 'variable_declarator', 'function_declaration', 'assignment_expression', 'export_statement'])) {
    switch (node.type) {
      case 'import_statement': {
        const specifier = stringLiteral(node.childForFieldName('source'));
        if (specifier === undefined) break;
        if (SERVER_PACKAGES[specifier]) ctx.framework ??= SERVER_PACKAGES[specifier];
        const clause = node.namedChildren.find((c) => c.type === 'import_clause');
        for (const part of clause?.namedChildren ?? []) {
          if (part.type === 'identifier') graph.alias(`${file.path}:0#${part.text}`, moduleExport(ctx, specifier, 'default'));
          if (part.type === 'namespace_import') {
            const name = part.namedChildren.find((c) => c.type === 'identifier');
            if (name) graph.alias(`${file.path}:0#${name.text}`, moduleExport(ctx, specifier, '*'));
          }
          if (part.type === 'named_imports') {
            for (const spec of part.namedChildren.filter((c) => c.type === 'import_specifier')) {
              const imported = spec.childForFieldName('name')?.text;
              const local = spec.childForFieldName('alias')?.text ?? imported;
              if (imported && local) graph.alias(`${file.path}:0#${local}`, moduleExport(ctx, specifier, imported));
            }
          }
        }
        break;
      }
      case 'variable_declarator': {
        const name = node.childForFieldName('name');
        const value = node.childForFieldName('value');
        if (!name || !value) break;
        // require('fastify')() and require('express') alike name the framework.
        let call: SyntaxNode | null = value;
        while (call?.type === 'call_expression' && call.childForFieldName('function')?.text !== 'require') call = call.childForFieldName('function');
        const required = call?.type === 'call_expression' ? stringLiteral(args(call)[0]) : undefined;
        if (required !== undefined && SERVER_PACKAGES[required]) ctx.framework ??= SERVER_PACKAGES[required];
        if (name.type === 'identifier') {
          graph.alias(variableId(ctx, name), valueOf(ctx, value));
        } else if (name.type === 'object_pattern') {
          const source = valueOf(ctx, value);
          for (const prop of name.namedChildren) {
            const key = prop.type === 'pair_pattern' ? prop.childForFieldName('key')?.text : prop.text;
            const local = prop.type === 'pair_pattern' ? prop.childForFieldName('value') : prop;
            if (key && local?.type.includes('identifier') && source) graph.alias(variableId(ctx, local, local.text), `${source}.${key}`);
          }
        }
        break;
      }
      case 'function_declaration': {
        const name = node.childForFieldName('name');
        if (name && node.parent) graph.alias(variableId(ctx, node.parent, name.text), functionValue(ctx, node));
        break;
      }
      case 'assignment_expression': {
        const left = node.childForFieldName('left');
        const right = node.childForFieldName('right');
        if (!left || !right) break;
        const target = left.text.replace(/\s+/g, '');
        if (target === 'module.exports') graph.alias(`${file.path}#export:default`, valueOf(ctx, right));
        else if (/^(module\.)?exports\.\w+$/.test(target)) {
          const exported = target.slice(target.lastIndexOf('.') + 1);
          graph.alias(`${file.path}#export:${exported}`, valueOf(ctx, right));
          graph.alias(`${file.path}#export:default.${exported}`, valueOf(ctx, right));
        } else if (left.type === 'identifier') graph.alias(variableId(ctx, left), valueOf(ctx, right));
        break;
      }
      case 'export_statement': {
        const declaration = node.childForFieldName('declaration');
        const value = node.childForFieldName('value');
        const isDefault = node.children.some((c) => c.type === 'default');
        if (declaration) {
          const names =
            declaration.type === 'lexical_declaration' || declaration.type === 'variable_declaration'
              ? declaration.namedChildren.filter((d) => d.type === 'variable_declarator').map((d) => d.childForFieldName('name')?.text)
              : [declaration.childForFieldName('name')?.text];
          for (const name of names) if (name) graph.alias(`${file.path}#export:${name}`, `${file.path}:0#${name}`);
          if (isDefault) {
            const name = declaration.childForFieldName('name')?.text;
            graph.alias(`${file.path}#export:default`, name ? `${file.path}:0#${name}` : valueOf(ctx, declaration));
          }
        } else if (value) {
          graph.alias(`${file.path}#export:default`, valueOf(ctx, value));
        }
        const clause = node.namedChildren.find((c) => c.type === 'export_clause');
        for (const spec of clause?.namedChildren ?? []) {
          const local = spec.childForFieldName('name')?.text;
          const exported = spec.childForFieldName('alias')?.text ?? local;
          if (local && exported) graph.alias(`${file.path}#export:${exported}`, `${file.path}:0#${local}`);
        }
        break;
      }
    }
  }
}

/**
 * Express, Koa and Fastify routes across files: verb calls on routers (`router.get`, chained `route()`,
 * Fastify's `route({...})`), joined to the prefixes under which `use`, `register` or a Koa prefix mounts
 * them, following imports, exports, `require`, and routers handed to functions as arguments.
 */
export function readJsRoutes(files: ParsedFile[], graph: RouteGraph, known: ReadonlySet<string>): void {
  const pending: Array<() => void> = [];
  const contexts: FileContext[] = [];
  for (const file of files) {
    if (file.language !== 'javascript' && file.language !== 'typescript' && file.language !== 'tsx') continue;
    const ctx: FileContext = { file, known, graph, framework: undefined, scopeNames: new Map() };
    readDeclarations(ctx);
    contexts.push(ctx);
  }
  for (const ctx of contexts) {
    if (!ctx.framework && !/\b(Router|express|koa|fastify)\b/.test(ctx.file.text)) continue;
    for (const call of nodesOfType(ctx.file, 'call_expression')) readCall(ctx, call, pending);
  }
  for (const run of pending) run();
}
