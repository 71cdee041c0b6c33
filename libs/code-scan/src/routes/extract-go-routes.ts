import { posix } from 'node:path';
import { nodesOfType, lineOf, stringLiteral, type ParsedFile, type SyntaxNode } from '../syntax/parse-source';
import { RouteGraph, type Framework } from './route-graph';

const UPPER_VERBS: Record<string, string> = { GET: 'GET', POST: 'POST', PUT: 'PUT', PATCH: 'PATCH', DELETE: 'DELETE', HEAD: 'HEAD', OPTIONS: 'OPTIONS', Any: 'ANY' };
const CHI_VERBS: Record<string, string> = { Get: 'GET', Post: 'POST', Put: 'PUT', Patch: 'PATCH', Delete: 'DELETE', Head: 'HEAD', Options: 'OPTIONS' };
const FACTORIES = new Set(['Default', 'New', 'NewRouter', 'NewServeMux', 'NewMux']);
const FUNCTIONS = new Set(['function_declaration', 'func_literal', 'method_declaration']);
const FRAMEWORK_IMPORTS: Array<[RegExp, Framework]> = [
  [/^github\.com\/gin-gonic\/gin/, 'gin'],
  [/^github\.com\/labstack\/echo/, 'echo'],
  [/^github\.com\/go-chi\/chi/, 'chi'],
  [/^net\/http$/, 'net/http'],
];

interface GoContext {
  file: ParsedFile;
  graph: RouteGraph;
  framework: Framework | undefined;
  imports: Set<string>;
  scopeNames: Map<number, Set<string>>;
  functionsByName: Map<string, Array<{ dir: string; id: string }>>;
}

function paramNames(fn: SyntaxNode): string[] {
  const list = fn.childForFieldName('parameters');
  return (list?.namedChildren ?? []).flatMap((p) => p.childrenForFieldName('name').map((n) => n.text));
}

function namesDeclaredIn(ctx: GoContext, fn: SyntaxNode): Set<string> {
  let names = ctx.scopeNames.get(fn.id);
  if (names) return names;
  names = new Set(paramNames(fn));
  for (const decl of fn.childForFieldName('body')?.descendantsOfType(['short_var_declaration', 'var_spec']) ?? []) {
    let owner = decl.parent;
    while (owner && !FUNCTIONS.has(owner.type)) owner = owner.parent;
    if (owner?.id !== fn.id) continue;
    const left = decl.type === 'short_var_declaration' ? (decl.childForFieldName('left')?.namedChildren ?? []) : decl.childrenForFieldName('name');
    for (const n of left) names.add(n.text);
  }
  ctx.scopeNames.set(fn.id, names);
  return names;
}

function variableId(ctx: GoContext, node: SyntaxNode): string {
  for (let scope = node.parent; scope; scope = scope.parent) {
    if (FUNCTIONS.has(scope.type) && namesDeclaredIn(ctx, scope).has(node.text)) return `${ctx.file.path}:${scope.startIndex}#${node.text}`;
  }
  // Package-level names are shared by every file of the package (the folder).
  return `${posix.dirname(ctx.file.path)}:0#${node.text}`;
}

function functionValue(ctx: GoContext, fn: SyntaxNode): string {
  const id = `fn:${ctx.file.path}@${fn.startIndex}#fn`;
  if (!ctx.graph.functionParams.has(id)) ctx.graph.functionParams.set(id, paramNames(fn).map((p) => `${ctx.file.path}:${fn.startIndex}#${p}`));
  return id;
}

function args(call: SyntaxNode): SyntaxNode[] {
  return call.childForFieldName('arguments')?.namedChildren.filter((n) => n.type !== 'comment') ?? [];
}

function valueOf(ctx: GoContext, node: SyntaxNode | null | undefined): string | undefined {
  if (!node) return undefined;
  switch (node.type) {
    case 'identifier':
      return ctx.imports.has(node.text) ? `pkg:${node.text}` : variableId(ctx, node);
    case 'func_literal':
      return functionValue(ctx, node);
    case 'parenthesized_expression':
    case 'unary_expression':
      return valueOf(ctx, node.namedChildren[node.namedChildren.length - 1]);
    case 'selector_expression':
      return `${valueOf(ctx, node.childForFieldName('operand'))}.${node.childForFieldName('field')?.text}`;
    case 'call_expression': {
      const fn = node.childForFieldName('function');
      // A function of ours that returns a router: `r.Mount("/admin", adminRouter())`.
      if (fn?.type === 'identifier') return `${variableId(ctx, fn)}.return`;
      if (fn?.type !== 'selector_expression') return undefined;
      const name = fn.childForFieldName('field')!.text;
      const operand = fn.childForFieldName('operand')!;
      const list = args(node);
      if (FACTORIES.has(name) && operand.type === 'identifier' && ctx.imports.has(operand.text)) {
        const id = `${ctx.file.path}@${node.startIndex}`;
        ctx.graph.factories.add(id);
        return id;
      }
      if (name === 'Group' && list[0] && stringLiteral(list[0]) !== undefined) {
        const id = `${ctx.file.path}@${node.startIndex}`;
        ctx.graph.factories.add(id);
        ctx.graph.mount(valueOf(ctx, operand), stringLiteral(list[0])!, id);
        return id;
      }
      if (name === 'With' || name === 'Use') return valueOf(ctx, operand);
      return undefined;
    }
    default:
      return undefined;
  }
}

function addRoute(ctx: GoContext, router: string | undefined, method: string, path: string, call: SyntaxNode, handler: SyntaxNode | undefined): void {
  if (!router) return;
  ctx.graph.addRoute({
    router,
    method,
    path,
    file: ctx.file.path,
    line: lineOf(call),
    framework: ctx.framework ?? 'net/http',
    ...(handler && (handler.type === 'identifier' || handler.type === 'selector_expression') ? { handler: handler.text } : {}),
    ...(ctx.framework ? {} : { requiresKnownRouter: true }),
  });
}

/** Go 1.22 ServeMux patterns carry the method: "GET /items/{id}". */
function servemuxPattern(pattern: string): { method: string; path: string } {
  const match = /^([A-Z]+)\s+(\S+)$/.exec(pattern);
  const path = match ? match[2] : pattern;
  // A host-qualified pattern ("example.com/x") keeps the path only.
  const slash = path.indexOf('/');
  return { method: match ? match[1] : 'ANY', path: slash > 0 ? path.slice(slash) : path.replace(/\{\$\}$/, '') };
}

function readCall(ctx: GoContext, call: SyntaxNode, pending: Array<() => void>): void {
  const fn = call.childForFieldName('function');
  const list = args(call);
  if (fn?.type !== 'selector_expression') {
    if (fn?.type === 'identifier') bindArguments(ctx, fn.text, list, pending);
    return;
  }
  const name = fn.childForFieldName('field')!.text;
  const operand = fn.childForFieldName('operand')!;
  const first = stringLiteral(list[0]);
  const router = () => valueOf(ctx, operand);
  if ((UPPER_VERBS[name] || (CHI_VERBS[name] && ctx.framework === 'chi')) && first !== undefined && list.length >= 2) {
    addRoute(ctx, router(), UPPER_VERBS[name] ?? CHI_VERBS[name], first, call, list[list.length - 1]);
  } else if ((name === 'Handle' || name === 'Add' || name === 'Method' || name === 'MethodFunc') && list.length >= 3 && first !== undefined && stringLiteral(list[1]) !== undefined) {
    addRoute(ctx, router(), first.toUpperCase(), stringLiteral(list[1])!, call, list[2]);
  } else if ((name === 'HandleFunc' || name === 'Handle') && first !== undefined && list.length === 2) {
    const { method, path } = servemuxPattern(first);
    addRoute(ctx, operand.type === 'identifier' && operand.text === 'http' ? 'pkg:http' : router(), method, path, call, list[1]);
    if (operand.text === 'http') ctx.graph.factories.add('pkg:http');
  } else if (name === 'Route' && first !== undefined && list[1]?.type === 'func_literal') {
    ctx.graph.mount(router(), first, functionValue(ctx, list[1]));
  } else if (name === 'Mount' && first !== undefined && list[1]) {
    ctx.graph.mount(router(), first, valueOf(ctx, list[1]));
  } else if (name === 'Group' && list[0]?.type === 'func_literal') {
    ctx.graph.mount(router(), '', functionValue(ctx, list[0]));
  } else if (operand.type === 'identifier' && ctx.imports.has(operand.text)) {
    bindArguments(ctx, name, list, pending, operand.text);
  }
}

/** `users.Register(v1.Group("/users"))`: the group reaches the routes that `Register` declares on its parameter. */
function bindArguments(ctx: GoContext, functionName: string, list: SyntaxNode[], pending: Array<() => void>, pkg?: string): void {
  if (!list.length) return;
  const argIds = list.map((a) => valueOf(ctx, a));
  pending.push(() => {
    const candidates = ctx.functionsByName.get(functionName) ?? [];
    const here = posix.dirname(ctx.file.path);
    const target = candidates.find((c) => (pkg ? posix.basename(c.dir) === pkg : c.dir === here)) ?? (candidates.length === 1 ? candidates[0] : undefined);
    const params = target && ctx.graph.functionParams.get(target.id);
    params?.forEach((param, i) => ctx.graph.mount(argIds[i], '', param));
  });
}

/** gin and echo (groups), chi (Route, Mount, Group) and net/http ServeMux routes, across packages. */
export function readGoRoutes(files: ParsedFile[], graph: RouteGraph): void {
  const functionsByName = new Map<string, Array<{ dir: string; id: string }>>();
  const contexts: GoContext[] = [];
  const pendingReturns: Array<() => void> = [];
  for (const file of files) {
    if (file.language !== 'go') continue;
    const imports = new Set<string>();
    let framework: Framework | undefined;
    for (const spec of nodesOfType(file, 'import_spec')) {
      const path = stringLiteral(spec.childForFieldName('path')) ?? '';
      const alias = spec.childForFieldName('name')?.text;
      imports.add(alias ?? path.split('/').filter((p) => !/^v\d+$/.test(p)).pop()!);
      const match = FRAMEWORK_IMPORTS.find(([pattern]) => pattern.test(path));
      if (match && (!framework || framework === 'net/http')) framework = match[1];
    }
    const ctx: GoContext = { file, graph, framework, imports, scopeNames: new Map(), functionsByName };
    for (const fn of file.root.namedChildren.filter((n) => n.type === 'function_declaration')) {
      const name = fn.childForFieldName('name')!.text;
      const id = functionValue(ctx, fn);
      graph.alias(`${posix.dirname(file.path)}:0#${name}`, id);
      const returned = fn.childForFieldName('body')?.descendantsOfType('return_statement').find((r) => {
        let owner = r.parent;
        while (owner && !FUNCTIONS.has(owner.type)) owner = owner.parent;
        return owner?.id === fn.id;
      });
      const value = returned?.namedChildren[0]?.namedChildren[0];
      if (value) pendingReturns.push(() => graph.alias(`${id}.return`, valueOf(ctx, value)));
      functionsByName.set(name, [...(functionsByName.get(name) ?? []), { dir: posix.dirname(file.path), id }]);
    }
    contexts.push(ctx);
  }
  for (const run of pendingReturns) run();
  const pending: Array<() => void> = [];
  for (const ctx of contexts) {
    for (const decl of nodesOfType(ctx.file, ['short_var_declaration', 'var_spec', 'assignment_statement'])) {
      const left = decl.type === 'var_spec' ? decl.childrenForFieldName('name') : (decl.childForFieldName('left')?.namedChildren ?? []);
      const right = decl.type === 'var_spec' ? (decl.childForFieldName('value')?.namedChildren ?? []) : (decl.childForFieldName('right')?.namedChildren ?? []);
      left.forEach((l, i) => l.type === 'identifier' && graph.alias(variableId(ctx, l), valueOf(ctx, right[i])));
    }
    for (const call of nodesOfType(ctx.file, 'call_expression')) readCall(ctx, call, pending);
  }
  for (const run of pending) run();
}
