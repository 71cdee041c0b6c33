import { nodesOfType, lineOf, stringLiteral, type ParsedFile, type SyntaxNode } from '../syntax/parse-source';
import type { PythonModules } from './module-resolution';
import { RouteGraph, type Framework } from './route-graph';

const FASTAPI_VERBS: Record<string, string> = { get: 'GET', post: 'POST', put: 'PUT', patch: 'PATCH', delete: 'DELETE', head: 'HEAD', options: 'OPTIONS' };
const FACTORIES: Record<string, string | undefined> = { APIRouter: 'prefix', FastAPI: 'root_path', Flask: undefined, Blueprint: 'url_prefix', Starlette: undefined };

export function keywordArgument(call: SyntaxNode, name: string): SyntaxNode | undefined {
  const list = call.childForFieldName('arguments');
  return list?.namedChildren.find((a) => a.type === 'keyword_argument' && a.childForFieldName('name')?.text === name)?.childForFieldName('value') ?? undefined;
}

export function positionalArguments(call: SyntaxNode): SyntaxNode[] {
  return call.childForFieldName('arguments')?.namedChildren.filter((a) => a.type !== 'keyword_argument' && a.type !== 'comment') ?? [];
}

/**
 * Literal settings across the repository, by attribute name: `api_prefix: str = "/api"` in a settings class or
 * `API_PREFIX = "/api"` at module level. A name with two different literal values is ambiguous and not used.
 */
export class PythonConstants {
  private readonly values = new Map<string, Set<string>>();

  constructor(files: ParsedFile[]) {
    for (const file of files) {
      if (file.language !== 'python') continue;
      for (const assignment of nodesOfType(file, 'assignment')) {
        const left = assignment.childForFieldName('left');
        const value = stringLiteral(assignment.childForFieldName('right'));
        const scope = assignment.parent?.parent;
        const atTop = scope?.type === 'module' || scope?.parent?.type === 'class_definition';
        if (left?.type !== 'identifier' || value === undefined || !atTop) continue;
        const set = this.values.get(left.text) ?? new Set();
        set.add(value);
        this.values.set(left.text, set);
      }
    }
  }

  /** A literal, or a name or `settings.name` whose one literal value the repository holds. */
  resolve(node: SyntaxNode | undefined): string | undefined {
    if (!node) return undefined;
    const literal = stringLiteral(node);
    if (literal !== undefined) return literal;
    const name = node.type === 'attribute' ? node.childForFieldName('attribute')?.text : node.type === 'identifier' ? node.text : undefined;
    const values = name ? this.values.get(name) : undefined;
    return values?.size === 1 ? [...values][0] : undefined;
  }
}

function methodsOf(node: SyntaxNode | undefined, fallback: string[]): string[] {
  if (!node || (node.type !== 'list' && node.type !== 'tuple' && node.type !== 'set')) return fallback;
  const methods = node.namedChildren.map(stringLiteral).filter((m): m is string => m !== undefined).map((m) => m.toUpperCase());
  return methods.length ? methods : fallback;
}

interface PyContext {
  file: ParsedFile;
  graph: RouteGraph;
  modules: PythonModules;
  constants: PythonConstants;
  framework: Framework;
}

function valueOf(ctx: PyContext, node: SyntaxNode | null | undefined): string | undefined {
  if (!node) return undefined;
  if (node.type === 'identifier') return `${ctx.file.path}:0#${node.text}`;
  if (node.type === 'attribute') {
    const object = valueOf(ctx, node.childForFieldName('object'));
    return object && `${object}.${node.childForFieldName('attribute')?.text}`;
  }
  if (node.type === 'call') {
    const fn = node.childForFieldName('function');
    const name = fn?.type === 'attribute' ? fn.childForFieldName('attribute')?.text : fn?.text;
    if (!name || !(name in FACTORIES)) return undefined;
    const id = `${ctx.file.path}@${node.startIndex}`;
    ctx.graph.factories.add(id);
    const prefixArgument = FACTORIES[name];
    const prefix = prefixArgument ? ctx.constants.resolve(keywordArgument(node, prefixArgument)) : undefined;
    if (prefix) ctx.graph.setOwnPrefix(id, prefix);
    return id;
  }
  return undefined;
}

function readImports(ctx: PyContext): void {
  const { file, graph, modules } = ctx;
  for (const node of file.root.namedChildren) {
    if (node.type === 'import_from_statement') {
      const moduleName = node.childForFieldName('module_name')?.text ?? '';
      const from = modules.resolve(file.path, moduleName);
      for (const part of node.childrenForFieldName('name')) {
        const imported = part.type === 'aliased_import' ? part.childForFieldName('name')!.text : part.text;
        const local = part.type === 'aliased_import' ? part.childForFieldName('alias')!.text : imported;
        const separator = moduleName.endsWith('.') ? '' : '.';
        const submodule = modules.resolve(file.path, `${moduleName}${separator}${imported}`);
        if (submodule) graph.alias(`${file.path}:0#${local}`, `${submodule}#export:*`);
        else if (from) graph.alias(`${file.path}:0#${local}`, `${from}#export:${imported}`);
      }
    } else if (node.type === 'import_statement') {
      for (const part of node.childrenForFieldName('name')) {
        if (part.type !== 'aliased_import') continue;
        const target = modules.resolve(file.path, part.childForFieldName('name')!.text);
        if (target) graph.alias(`${file.path}:0#${part.childForFieldName('alias')!.text}`, `${target}#export:*`);
      }
    }
  }
}

function readAssignments(ctx: PyContext): void {
  for (const assignment of nodesOfType(ctx.file, 'assignment')) {
    const left = assignment.childForFieldName('left');
    if (left?.type !== 'identifier') continue;
    ctx.graph.alias(`${ctx.file.path}:0#${left.text}`, valueOf(ctx, assignment.childForFieldName('right')));
  }
  // Every module-level name is importable: `from app.routes import router` reaches this file's `router`.
  const names = new Set<string>();
  for (const statement of ctx.file.root.namedChildren) {
    const inner = statement.type === 'expression_statement' ? statement.namedChildren[0] : statement;
    const name = inner?.type === 'assignment' ? inner.childForFieldName('left') : inner?.childForFieldName('name');
    if (name?.type === 'identifier') names.add(name.text);
    if (statement.type === 'import_from_statement' || statement.type === 'import_statement') {
      for (const part of statement.childrenForFieldName('name')) names.add((part.type === 'aliased_import' ? part.childForFieldName('alias')! : part).text.split('.')[0]);
    }
  }
  for (const name of names) ctx.graph.alias(`${ctx.file.path}#export:${name}`, `${ctx.file.path}:0#${name}`);
}

function readDecoratedRoutes(ctx: PyContext): void {
  for (const decorated of nodesOfType(ctx.file, 'decorated_definition')) {
    const definition = decorated.childForFieldName('definition');
    if (definition?.type !== 'function_definition') continue;
    const handler = definition.childForFieldName('name')?.text;
    for (const decorator of decorated.namedChildren.filter((c) => c.type === 'decorator')) {
      const call = decorator.namedChildren[0];
      if (call?.type !== 'call') continue;
      const fn = call.childForFieldName('function');
      if (fn?.type !== 'attribute') continue;
      const verb = fn.childForFieldName('attribute')!.text;
      const path = ctx.constants.resolve(positionalArguments(call)[0] ?? keywordArgument(call, 'path') ?? keywordArgument(call, 'rule'));
      if (path === undefined) continue;
      const methods = FASTAPI_VERBS[verb] ? [FASTAPI_VERBS[verb]] : verb === 'route' || verb === 'api_route' ? methodsOf(keywordArgument(call, 'methods'), ['GET']) : [];
      for (const method of methods) {
        ctx.graph.addRoute({
          router: valueOf(ctx, fn.childForFieldName('object'))!,
          method,
          path,
          file: ctx.file.path,
          line: lineOf(definition),
          framework: ctx.framework,
          ...(handler ? { handler } : {}),
          requiresKnownRouter: true,
        });
      }
    }
  }
}

function readMounts(ctx: PyContext): void {
  for (const call of nodesOfType(ctx.file, 'call')) {
    const fn = call.childForFieldName('function');
    if (fn?.type !== 'attribute') continue;
    const name = fn.childForFieldName('attribute')!.text;
    const parent = valueOf(ctx, fn.childForFieldName('object'));
    const [first, second] = positionalArguments(call);
    if (name === 'include_router') {
      ctx.graph.mount(parent, ctx.constants.resolve(keywordArgument(call, 'prefix')) ?? '', valueOf(ctx, first));
    } else if (name === 'register_blueprint') {
      const prefix = ctx.constants.resolve(keywordArgument(call, 'url_prefix'));
      ctx.graph.mount(parent, prefix ?? '', valueOf(ctx, first), prefix !== undefined);
    } else if (name === 'mount' && second) {
      ctx.graph.mount(parent, ctx.constants.resolve(first) ?? '', valueOf(ctx, second));
    } else if (name === 'add_api_route' || name === 'add_url_rule') {
      const path = ctx.constants.resolve(first);
      if (path === undefined || !parent) continue;
      const handlerNode = keywordArgument(call, name === 'add_api_route' ? 'endpoint' : 'view_func') ?? (name === 'add_api_route' ? second : positionalArguments(call)[2]);
      for (const method of methodsOf(keywordArgument(call, 'methods'), ['GET'])) {
        ctx.graph.addRoute({ router: parent, method, path, file: ctx.file.path, line: lineOf(call), framework: ctx.framework, ...(handlerNode ? { handler: handlerNode.text } : {}), requiresKnownRouter: true });
      }
    }
  }
}

/** FastAPI (`APIRouter`, `include_router` prefixes) and Flask (blueprints, `register_blueprint` prefixes). */
export function readPythonRoutes(files: ParsedFile[], graph: RouteGraph, modules: PythonModules, constants: PythonConstants): void {
  const contexts: PyContext[] = [];
  for (const file of files) {
    if (file.language !== 'python') continue;
    const framework: Framework = /\b(from|import)\s+flask\b/.test(file.text) ? 'flask' : 'fastapi';
    const ctx = { file, graph, modules, constants, framework };
    readImports(ctx);
    readAssignments(ctx);
    contexts.push(ctx);
  }
  for (const ctx of contexts) {
    readDecoratedRoutes(ctx);
    readMounts(ctx);
  }
}
