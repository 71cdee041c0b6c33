import { nodesOfType, lineOf, stringLiteral, type ParsedFile, type SyntaxNode } from '../syntax/parse-source';
import { keywordArgument, positionalArguments } from './extract-python-routes';
import type { PythonModules } from './module-resolution';
import { joinPaths, toOpenApiPath, type CodeEndpoint } from './route-graph';

/** Methods the DRF generic views and mixins answer, by base class name. */
const GENERIC_METHODS: Record<string, string[]> = {
  ListAPIView: ['GET'],
  CreateAPIView: ['POST'],
  RetrieveAPIView: ['GET'],
  UpdateAPIView: ['PUT', 'PATCH'],
  DestroyAPIView: ['DELETE'],
  ListCreateAPIView: ['GET', 'POST'],
  RetrieveUpdateAPIView: ['GET', 'PUT', 'PATCH'],
  RetrieveDestroyAPIView: ['GET', 'DELETE'],
  RetrieveUpdateDestroyAPIView: ['GET', 'PUT', 'PATCH', 'DELETE'],
};
/** ViewSet actions by mixin: [action, collection or detail, method]. */
const VIEWSET_ACTIONS: Record<string, Array<[string, 'collection' | 'detail', string]>> = {
  ListModelMixin: [['list', 'collection', 'GET']],
  CreateModelMixin: [['create', 'collection', 'POST']],
  RetrieveModelMixin: [['retrieve', 'detail', 'GET']],
  UpdateModelMixin: [
    ['update', 'detail', 'PUT'],
    ['partial_update', 'detail', 'PATCH'],
  ],
  DestroyModelMixin: [['destroy', 'detail', 'DELETE']],
};
VIEWSET_ACTIONS.ModelViewSet = Object.values(VIEWSET_ACTIONS).flat();
VIEWSET_ACTIONS.ReadOnlyModelViewSet = [...VIEWSET_ACTIONS.ListModelMixin, ...VIEWSET_ACTIONS.RetrieveModelMixin];
const ACTION_BY_NAME = new Map(Object.values(VIEWSET_ACTIONS).flat().map((a) => [a[0], a]));
const HTTP_METHODS = ['get', 'post', 'put', 'patch', 'delete', 'head', 'options'];

interface ViewClass {
  name: string;
  file: string;
  line: number;
  bases: string[];
  methods: Map<string, number>;
  attributes: Map<string, string>;
  node: SyntaxNode;
}

interface UrlConf {
  file: string;
  patterns: SyntaxNode[];
}

function lastName(node: SyntaxNode | null | undefined): string | undefined {
  if (!node) return undefined;
  if (node.type === 'attribute') return node.childForFieldName('attribute')?.text;
  return node.type === 'identifier' ? node.text : undefined;
}

function indexClasses(files: ParsedFile[]): Map<string, ViewClass> {
  const classes = new Map<string, ViewClass>();
  for (const file of files) {
    if (file.language !== 'python') continue;
    for (const cls of nodesOfType(file, 'class_definition')) {
      const name = cls.childForFieldName('name')!.text;
      const bases = (cls.childForFieldName('superclasses')?.namedChildren ?? []).map(lastName).filter((b): b is string => !!b);
      const methods = new Map<string, number>();
      const attributes = new Map<string, string>();
      for (const statement of cls.childForFieldName('body')?.namedChildren ?? []) {
        const def = statement.type === 'decorated_definition' ? statement.childForFieldName('definition') : statement;
        if (def?.type === 'function_definition') methods.set(def.childForFieldName('name')!.text, lineOf(def));
        const assignment = statement.type === 'expression_statement' ? statement.namedChildren[0] : undefined;
        if (assignment?.type === 'assignment') {
          const value = stringLiteral(assignment.childForFieldName('right'));
          if (value !== undefined) attributes.set(assignment.childForFieldName('left')!.text, value);
        }
      }
      if (!classes.has(name)) classes.set(name, { name, file: file.path, line: lineOf(cls), bases, methods, attributes, node: cls });
    }
  }
  return classes;
}

/** A class and its bases defined in the repository, nearest first. */
function lineage(classes: Map<string, ViewClass>, name: string): { own: ViewClass[]; external: string[] } {
  const own: ViewClass[] = [];
  const external: string[] = [];
  const visit = (n: string, depth: number) => {
    const cls = classes.get(n);
    if (!cls || depth > 8) {
      external.push(n);
      return;
    }
    if (own.includes(cls)) return;
    own.push(cls);
    for (const base of cls.bases) visit(base, depth + 1);
  };
  visit(name, 0);
  return { own, external };
}

/** Django's regex routes in OpenAPI form: `^articles/(?P<slug>[-\w]+)/?$` is `articles/{slug}`. */
export function djangoRegexToPath(regex: string): string {
  let out = '';
  for (let i = 0; i < regex.length; i++) {
    const c = regex[i];
    if (regex.startsWith('(?P<', i)) {
      const close = regex.indexOf('>', i);
      const name = regex.slice(i + 4, close);
      let depth = 0;
      let j = i;
      for (; j < regex.length; j++) {
        if (regex[j] === '\\') j++;
        else if (regex[j] === '(') depth++;
        else if (regex[j] === ')' && --depth === 0) break;
      }
      out += `{${name}}`;
      i = j;
      continue;
    }
    if (c === '\\') {
      out += regex[++i] ?? '';
      continue;
    }
    if (c === '^' || c === '$' || (c === '?' && out.endsWith('/'))) continue;
    out += c;
  }
  return out.replace(/\/\?/g, '/');
}

interface DjangoContext {
  files: ParsedFile[];
  modules: PythonModules;
  classes: Map<string, ViewClass>;
  urlconfs: Map<string, UrlConf>;
  routers: Map<string, Array<{ prefix: string; viewset: string; line: number }>>;
  endpoints: CodeEndpoint[];
}

function viewEndpoints(ctx: DjangoContext, view: SyntaxNode, path: string, file: string, line: number): void {
  const push = (method: string, at: { file: string; line: number }, handler: string, suffix = '') =>
    ctx.endpoints.push({ method, path: toOpenApiPath(joinPaths(path, suffix)), file: at.file, line: at.line, framework: 'django', handler });
  // SomeView.as_view() or SomeViewSet.as_view({'get': 'list'})
  if (view.type === 'call' && lastName(view.childForFieldName('function')) === 'as_view') {
    const object = view.childForFieldName('function')!.childForFieldName('object');
    const className = lastName(object);
    if (!className) return;
    const { own, external } = lineage(ctx.classes, className);
    const actions = positionalArguments(view)[0];
    if (actions?.type === 'dictionary') {
      for (const pair of actions.namedChildren.filter((p) => p.type === 'pair')) {
        const method = stringLiteral(pair.childForFieldName('key'))?.toUpperCase();
        const action = stringLiteral(pair.childForFieldName('value'));
        const at = own.find((c) => action && c.methods.has(action));
        if (method && action) push(method, at ? { file: at.file, line: at.methods.get(action)! } : { file, line }, `${className}.${action}`);
      }
      return;
    }
    const methods = new Map<string, { file: string; line: number }>();
    for (const cls of [...own].reverse()) {
      for (const base of cls.bases) for (const m of GENERIC_METHODS[base] ?? []) methods.set(m, { file: cls.file, line: cls.line });
      for (const m of HTTP_METHODS) if (cls.methods.has(m)) methods.set(m.toUpperCase(), { file: cls.file, line: cls.methods.get(m)! });
    }
    for (const base of external) for (const m of GENERIC_METHODS[base] ?? []) if (!methods.has(m)) methods.set(m, { file, line });
    for (const [method, at] of methods) push(method, at, `${className}.${method.toLowerCase()}`);
    return;
  }
  // A function view, restricted by @api_view([...]) or @require_http_methods([...]) when decorated so.
  const name = lastName(view);
  if (!name) return;
  for (const file of ctx.files) {
    if (file.language !== 'python') continue;
    for (const decorated of file.root.namedChildren.filter((n) => n.type === 'decorated_definition')) {
      const def = decorated.childForFieldName('definition');
      if (def?.type !== 'function_definition' || def.childForFieldName('name')?.text !== name) continue;
      let methods = ['GET'];
      for (const decorator of decorated.namedChildren.filter((d) => d.type === 'decorator')) {
        const call = decorator.namedChildren[0];
        const decoratorName = call?.type === 'call' ? lastName(call.childForFieldName('function')) : lastName(call);
        if (call?.type === 'call' && (decoratorName === 'api_view' || decoratorName === 'require_http_methods')) {
          const list = positionalArguments(call)[0];
          methods = list?.namedChildren.map(stringLiteral).filter((m): m is string => !!m).map((m) => m.toUpperCase()) ?? methods;
        }
        if (decoratorName === 'require_POST') methods = ['POST'];
      }
      for (const method of methods) push(method, { file: file.path, line: lineOf(def) }, name);
      return;
    }
  }
  ctx.endpoints.push({ method: 'GET', path: toOpenApiPath(joinPaths(path)), file, line, framework: 'django', handler: name });
}

function routerEndpoints(ctx: DjangoContext, routerId: string, prefix: string): void {
  for (const registration of ctx.routers.get(routerId) ?? []) {
    const { own, external } = lineage(ctx.classes, registration.viewset);
    const lookup = own.map((c) => c.attributes.get('lookup_url_kwarg') ?? c.attributes.get('lookup_field')).find(Boolean) ?? 'pk';
    const actions = new Map<string, [string, 'collection' | 'detail', string]>();
    for (const base of [...own.flatMap((c) => c.bases), ...external]) for (const a of VIEWSET_ACTIONS[base] ?? []) actions.set(a[0], a);
    for (const cls of own) for (const name of cls.methods.keys()) if (ACTION_BY_NAME.has(name)) actions.set(name, ACTION_BY_NAME.get(name)!);
    const top = own[0];
    for (const [action, kind, method] of actions.values()) {
      const owner = own.find((c) => c.methods.has(action));
      ctx.endpoints.push({
        method,
        path: toOpenApiPath(joinPaths(prefix, registration.prefix, kind === 'detail' ? `{${lookup}}` : '')),
        file: owner?.file ?? top?.file ?? '',
        line: owner?.methods.get(action) ?? top?.line ?? registration.line,
        framework: 'django',
        handler: `${registration.viewset}.${action}`,
      });
    }
  }
}

function routeOf(call: SyntaxNode): { kind: 'regex' | 'path'; route: string } | undefined {
  const fn = lastName(call.childForFieldName('function'));
  const route = stringLiteral(positionalArguments(call)[0] ?? keywordArgument(call, 'route'));
  if (route === undefined) return undefined;
  if (fn === 'url' || fn === 're_path') return { kind: 'regex', route: djangoRegexToPath(route) };
  if (fn === 'path') return { kind: 'path', route };
  return undefined;
}

function walkPatterns(ctx: DjangoContext, urlconf: UrlConf, prefix: string, depth: number): void {
  if (depth > 10) return;
  for (const element of urlconf.patterns) {
    if (element.type === 'attribute' && element.childForFieldName('attribute')?.text === 'urls') {
      routerEndpoints(ctx, `${urlconf.file}#${element.childForFieldName('object')?.text}`, prefix);
      continue;
    }
    if (element.type !== 'call') continue;
    const route = routeOf(element);
    if (!route) continue;
    const target = positionalArguments(element)[1] ?? keywordArgument(element, 'view');
    if (!target) continue;
    const full = joinPaths(prefix, route.route);
    // admin.site.urls and other apps' URL sets are not the service's API.
    if (target.type === 'attribute' && target.childForFieldName('attribute')?.text === 'urls') {
      const owner = `${urlconf.file}#${target.childForFieldName('object')?.text}`;
      if (ctx.routers.has(owner)) routerEndpoints(ctx, owner, full);
      continue;
    }
    if (target.type === 'call' && lastName(target.childForFieldName('function')) === 'include') {
      const included = positionalArguments(target)[0];
      const dotted = stringLiteral(included);
      if (dotted !== undefined) {
        const file = ctx.modules.resolve(urlconf.file, dotted);
        const child = file ? ctx.urlconfs.get(file) : undefined;
        if (child) walkPatterns(ctx, child, full, depth + 1);
      } else if (included?.type === 'attribute' && included.childForFieldName('attribute')?.text === 'urls') {
        routerEndpoints(ctx, `${urlconf.file}#${included.childForFieldName('object')?.text}`, full);
      } else if (included?.type === 'list') {
        walkPatterns(ctx, { file: urlconf.file, patterns: included.namedChildren }, full, depth + 1);
      }
      continue;
    }
    viewEndpoints(ctx, target, full, urlconf.file, lineOf(element));
  }
}

/** Django `urls.py` (path, re_path, url, include) and Django REST framework routers and views. */
export function readDjangoRoutes(files: ParsedFile[], modules: PythonModules): CodeEndpoint[] {
  const ctx: DjangoContext = { files, modules, classes: new Map(), urlconfs: new Map(), routers: new Map(), endpoints: [] };
  const python = files.filter((f) => f.language === 'python' && /\burlpatterns\b|\.register\(/.test(f.text));
  if (!python.length) return [];
  ctx.classes = indexClasses(files);
  const included = new Set<string>();
  for (const file of python) {
    const patterns: SyntaxNode[] = [];
    for (const assignment of nodesOfType(file, ['assignment', 'augmented_assignment'])) {
      const left = assignment.childForFieldName('left')?.text;
      const right = assignment.childForFieldName('right');
      if (left === 'urlpatterns' && right) patterns.push(...(right.type === 'list' ? right.namedChildren : right.type === 'binary_operator' ? right.namedChildren.flatMap((n) => (n.type === 'list' ? n.namedChildren : [n])) : [right]));
      if (right?.type === 'call' && /^(Default|Simple)Router$/.test(lastName(right.childForFieldName('function')) ?? '')) ctx.routers.set(`${file.path}#${left}`, []);
    }
    for (const call of nodesOfType(file, 'call')) {
      const fn = call.childForFieldName('function');
      if (fn?.type === 'attribute' && fn.childForFieldName('attribute')?.text === 'register') {
        const key = `${file.path}#${fn.childForFieldName('object')?.text}`;
        const [prefixNode, viewset] = positionalArguments(call);
        const prefix = stringLiteral(prefixNode);
        const name = lastName(viewset);
        if (ctx.routers.has(key) && prefix !== undefined && name) ctx.routers.get(key)!.push({ prefix: djangoRegexToPath(prefix), viewset: name, line: lineOf(call) });
      }
      if (lastName(fn) === 'include') {
        const dotted = stringLiteral(positionalArguments(call)[0]);
        const target = dotted && modules.resolve(file.path, dotted);
        if (target) included.add(target);
      }
    }
    if (patterns.length) ctx.urlconfs.set(file.path, { file: file.path, patterns });
  }
  for (const urlconf of ctx.urlconfs.values()) if (!included.has(urlconf.file)) walkPatterns(ctx, urlconf, '', 0);
  return ctx.endpoints;
}
