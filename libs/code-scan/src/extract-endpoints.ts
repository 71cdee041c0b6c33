import { readDjangoRoutes } from './routes/extract-django-routes';
import { readGoRoutes } from './routes/extract-go-routes';
import { readJsRoutes } from './routes/extract-js-routes';
import { readNestRoutes, readNestSettings } from './routes/extract-nest-routes';
import { PythonConstants, readPythonRoutes } from './routes/extract-python-routes';
import { readSpringContextPath, readSpringRoutes } from './routes/extract-spring-routes';
import { readWebfluxRoutes } from './routes/extract-webflux-routes';
import { PythonModules } from './routes/module-resolution';
import { RouteGraph, type CodeEndpoint } from './routes/route-graph';
import { parseSources, type ParsedFile } from './syntax/parse-source';
import type { SourceFile } from './source-files';

export function compareEndpoints(a: CodeEndpoint, b: CodeEndpoint): number {
  return a.path.localeCompare(b.path) || a.method.localeCompare(b.method) || a.file.localeCompare(b.file) || a.line - b.line;
}

/** Endpoints routed in already-parsed files; settings files among `others` supply literal prefixes. */
export function extractEndpointsFromParsed(parsed: ParsedFile[], others: SourceFile[] = []): CodeEndpoint[] {
  const known = new Set(parsed.map((f) => f.path));
  const graph = new RouteGraph();
  readJsRoutes(parsed, graph, known);
  const modules = new PythonModules(known);
  readPythonRoutes(parsed, graph, modules, new PythonConstants(parsed));
  readGoRoutes(parsed, graph);
  const springBase = readSpringContextPath(others);
  const endpoints = [
    ...graph.endpoints(),
    ...readNestRoutes(parsed, readNestSettings(parsed)),
    ...readDjangoRoutes(parsed, modules),
    ...readSpringRoutes(parsed, springBase),
    ...readWebfluxRoutes(parsed, springBase),
  ];
  const seen = new Set<string>();
  return endpoints
    .filter((e) => {
      const key = `${e.method} ${e.path} ${e.file}:${e.line}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .sort(compareEndpoints);
}

/** Endpoints routed in code, from file contents: every framework we read, in every language we parse. */
export function extractEndpoints(files: SourceFile[]): CodeEndpoint[] {
  return extractEndpointsFromParsed(parseSources(files), files);
}
