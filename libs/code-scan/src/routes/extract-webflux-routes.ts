import { nodesOfType, lineOf, stringLiteral, type ParsedFile, type SyntaxNode } from '../syntax/parse-source';
import { joinPaths, toOpenApiPath, type CodeEndpoint } from './route-graph';

const VERBS = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS']);

const argumentsOf = (call: SyntaxNode) => call.childForFieldName('arguments')?.namedChildren ?? [];

/**
 * The methods and paths a request predicate matches: `GET("/x")`, `RequestPredicates.POST("/x").and(accept(...))`,
 * `method(HttpMethod.PATCH).and(path("/x"))`. Predicates combined with `or` give one route per alternative.
 */
function routesOfPredicate(predicate: SyntaxNode): Array<{ method: string; path: string }> {
  const calls = [predicate, ...predicate.descendantsOfType('method_invocation')].filter((n) => n.type === 'method_invocation');
  const routes: Array<{ method: string; path: string }> = [];
  const methods: string[] = [];
  const paths: string[] = [];
  for (const call of calls) {
    const name = call.childForFieldName('name')?.text ?? '';
    const [first] = argumentsOf(call);
    const literal = stringLiteral(first);
    if (VERBS.has(name) && literal !== undefined) routes.push({ method: name, path: literal });
    else if (name === 'method' && first) methods.push(first.text.split('.').pop()!.toUpperCase());
    else if (name === 'path' && literal !== undefined) paths.push(literal);
  }
  if (routes.length) return routes;
  return methods.flatMap((method) => (paths.length ? paths : ['']).map((path) => ({ method, path })));
}

/** The path a `nest(...)`/`andNest(...)` predicate adds: its `path("/x")` (verbs in a nest predicate are rare and kept out). */
function prefixOfPredicate(predicate: SyntaxNode): string {
  const calls = [predicate, ...predicate.descendantsOfType('method_invocation')].filter((n) => n.type === 'method_invocation');
  for (const call of calls) {
    if (call.childForFieldName('name')?.text === 'path') {
      const literal = stringLiteral(argumentsOf(call)[0]);
      if (literal !== undefined) return literal;
    }
  }
  return '';
}

/**
 * Spring WebFlux functional endpoints, read from the expression that builds a RouterFunction: the builder
 * (`RouterFunctions.route().GET("/x", handler::list).path("/y", b -> b.POST(...)).nest(path("/z"), ...)`) and the
 * static style (`route(GET("/x"), h).andRoute(...)`, `nest(path("/api"), route(...))`, `andNest`). Each builder
 * lambda's body and each nested router function is read under the prefix that encloses it.
 */
export function readWebfluxRoutes(files: ParsedFile[], basePath: string): CodeEndpoint[] {
  const endpoints: CodeEndpoint[] = [];
  for (const file of files) {
    if (file.language !== 'java' || !file.text.includes('RouterFunction')) continue;
    for (const method of nodesOfType(file, 'method_declaration')) {
      if (!/\bRouterFunction\b/.test(method.childForFieldName('type')?.text ?? '')) continue;
      const owner = `${method.parent?.parent?.childForFieldName('name')?.text ?? ''}.${method.childForFieldName('name')?.text ?? ''}`;
      const add = (verb: string, path: string, at: SyntaxNode, handler: SyntaxNode | undefined) =>
        endpoints.push({
          method: verb,
          path: toOpenApiPath(joinPaths(basePath, path)),
          file: file.path,
          line: lineOf(at),
          framework: 'spring',
          // `handler::list` names the handler; a lambda is the router method's own code.
          handler: handler?.type === 'method_reference' ? handler.text.replace(/\s+/g, '') : owner,
        });
      const visit = (node: SyntaxNode | null | undefined, prefix: string): void => {
        if (!node) return;
        if (node.type !== 'method_invocation') {
          for (const child of node.namedChildren) visit(child, prefix);
          return;
        }
        const nameNode = node.childForFieldName('name');
        const name = nameNode?.text ?? '';
        const args = argumentsOf(node);
        // A chain starts on its first line: the line of the call's own name is where this route is written.
        const at = nameNode ?? node;
        visit(node.childForFieldName('object'), prefix);
        const literal = stringLiteral(args[0]);
        if (VERBS.has(name) && args.length >= 2 && literal !== undefined) {
          add(name, joinPaths(prefix, literal), at, args[args.length - 1]);
        } else if (VERBS.has(name) && args.length >= 1 && literal === undefined && node.childForFieldName('object')) {
          // Builder `GET(handler)` or `GET(predicate, handler)`: the enclosing path itself.
          add(name, prefix, at, args[args.length - 1]);
        } else if ((name === 'route' || name === 'andRoute') && args.length === 2) {
          for (const route of routesOfPredicate(args[0]!)) add(route.method, joinPaths(prefix, route.path), at, args[1]);
        } else if ((name === 'nest' || name === 'andNest') && args.length === 2) {
          visit(args[1], joinPaths(prefix, prefixOfPredicate(args[0]!)));
        } else if (name === 'path' && args.length === 2 && literal !== undefined) {
          visit(args[1], joinPaths(prefix, literal));
        } else {
          for (const arg of args) visit(arg, prefix);
        }
      };
      visit(method.childForFieldName('body'), '');
    }
  }
  return endpoints;
}
