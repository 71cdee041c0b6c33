import { posix } from 'node:path';
import { lineAt, type SourceFile } from './source-files';

export interface CodeEndpoint {
  method: string;
  /** OpenAPI-style template: `:id` becomes `{id}`, mount prefixes applied. */
  path: string;
  file: string;
  line: number;
  framework: 'express';
}

const VERB = '(get|post|put|patch|delete|head|options|all)';
// router.get('/x', ...) — the path may sit on the next line, as many formatters put it.
const ROUTE = new RegExp(`\\b([A-Za-z_$][\\w$]*)\\s*\\.\\s*${VERB}\\s*\\(\\s*(['"\`])([^'"\`]*)\\3`, 'g');
const MOUNT = /\b([A-Za-z_$][\w$]*)\s*\.\s*use\s*\(\s*(['"`])([^'"`]*)\2\s*,\s*([A-Za-z_$][\w$]*)/g;
const ROUTER_DECL = /\b(?:const|let|var)\s+([A-Za-z_$][\w$]*)\s*=\s*(?:express\s*\.\s*)?Router\s*\(/g;
const EXPORTED_ROUTER = /export\s+const\s+([A-Za-z_$][\w$]*)\s*=\s*(?:express\s*\.\s*)?Router\s*\(/g;
const IMPORT = /import\s*\{([^}]+)\}\s*from\s*['"](\.[^'"]+)['"]/g;

function toTemplate(path: string): string {
  const joined = path.replace(/:([A-Za-z_]\w*)\??/g, '{$1}').replace(/\/+/g, '/');
  return joined.length > 1 ? joined.replace(/\/$/, '') : joined;
}

function resolveModule(from: string, spec: string, known: Set<string>): string | undefined {
  const base = posix.normalize(posix.join(posix.dirname(from), spec));
  return [base, `${base}.ts`, `${base}.js`, `${base}/index.ts`, `${base}/index.js`].find((c) => known.has(c));
}

/**
 * Express routes across files: `router.verb(path)` calls, joined to the prefixes under which `app.use(prefix,
 * router)` mounts them, following named imports between files. A router mounted nowhere keeps its own paths.
 */
export function extractExpressRoutes(files: SourceFile[]): CodeEndpoint[] {
  const known = new Set(files.map((f) => f.path));
  // Which (file, variable) is a router, and under which prefixes it is mounted.
  const prefixes = new Map<string, string[]>();
  const routerKey = (file: string, name: string) => `${file}#${name}`;
  const exportedFrom = new Map<string, string>(); // "file#name" of an imported router -> file#name where declared
  for (const file of files) {
    for (const m of file.text.matchAll(IMPORT)) {
      const target = resolveModule(file.path, m[2], known);
      if (!target) continue;
      for (const name of m[1].split(',').map((s) => s.trim().split(/\s+as\s+/))) {
        const [imported, local = imported] = name;
        if (imported) exportedFrom.set(routerKey(file.path, local), routerKey(target, imported));
      }
    }
  }
  for (const file of files) {
    for (const m of file.text.matchAll(MOUNT)) {
      const local = routerKey(file.path, m[4]);
      const target = exportedFrom.get(local) ?? local;
      prefixes.set(target, [...(prefixes.get(target) ?? []), m[3]]);
    }
  }
  const endpoints: CodeEndpoint[] = [];
  for (const file of files) {
    const routers = new Set<string>([...file.text.matchAll(ROUTER_DECL)].map((m) => m[1]).concat([...file.text.matchAll(EXPORTED_ROUTER)].map((m) => m[1])));
    const hasExpress = /from\s+['"]express['"]|require\(\s*['"]express['"]\s*\)/.test(file.text);
    if (!hasExpress && routers.size === 0) continue;
    for (const m of file.text.matchAll(ROUTE)) {
      const [, receiver, verb, , path] = m;
      if (!path.startsWith('/') && path !== '') continue;
      if (!routers.has(receiver) && !/^(app|server|api|router)$/.test(receiver)) continue;
      const mountedAt = prefixes.get(routerKey(file.path, receiver)) ?? [''];
      for (const prefix of mountedAt) {
        endpoints.push({
          method: verb === 'all' ? 'ANY' : verb.toUpperCase(),
          path: toTemplate(`${prefix}/${path}`),
          file: file.path,
          line: lineAt(file.text, m.index ?? 0),
          framework: 'express',
        });
      }
    }
  }
  return endpoints.sort((a, b) => a.path.localeCompare(b.path) || a.method.localeCompare(b.method));
}

