import type { CodeEndpoint, Framework } from '@apiaudit/domain';

export type { CodeEndpoint, Framework };

/** A route as declared: an endpoint whose path is still without the prefixes its router is mounted under. */
export interface RouteDecl extends CodeEndpoint {
  /** The router (or app, group, blueprint) the route is declared on, as an id the graph may alias. */
  router: string;
  /** Declared in a file that imports no server framework: kept only when the receiver is a router we know. */
  requiresKnownRouter?: boolean;
}

interface Mount {
  parent: string;
  prefix: string;
  child: string;
  /** Flask's register_blueprint(url_prefix=...) replaces the blueprint's own prefix instead of adding to it. */
  replacesOwnPrefix?: boolean;
}

/**
 * Routers and what is mounted under what, across files. Ids name a value: `file:scope#name` for a variable,
 * `file@offset` for a router built at that spot, `file#export:name` for a module export. Assignments, imports
 * and exports alias one id to another; prefixes are read off the mount edges once everything is known.
 */
export class RouteGraph {
  private readonly aliases = new Map<string, string>();
  private readonly ownPrefixes = new Map<string, string>();
  private readonly mounts: Mount[] = [];
  private readonly routes: RouteDecl[] = [];
  /** Function value id -> ids of its parameters, so a router passed to a function reaches its routes. */
  readonly functionParams = new Map<string, string[]>();
  /** Router ids made by a framework's factory (Router(), express(), APIRouter(), gin.Default()...). */
  readonly factories = new Set<string>();

  alias(from: string, to: string | undefined): void {
    if (to && from !== to && !this.aliases.has(from)) this.aliases.set(from, to);
  }

  setOwnPrefix(router: string, prefix: string): void {
    this.ownPrefixes.set(router, prefix);
  }

  mount(parent: string | undefined, prefix: string, child: string | undefined, replacesOwnPrefix = false): void {
    if (parent && child) this.mounts.push({ parent, prefix, child, ...(replacesOwnPrefix ? { replacesOwnPrefix } : {}) });
  }

  addRoute(route: RouteDecl): void {
    this.routes.push(route);
  }

  /** Follows aliases; `a.b` resolves `a` first, and a namespace's member falls back to the named export. */
  canonical(id: string): string {
    const seen = new Set<string>();
    let current = id;
    while (!seen.has(current)) {
      seen.add(current);
      const next = this.aliases.get(current);
      if (next) {
        current = next;
        continue;
      }
      const dot = current.lastIndexOf('.');
      const hash = current.lastIndexOf('#');
      if (dot > hash && hash !== -1) {
        const base = this.canonical(current.slice(0, dot));
        const member = current.slice(dot + 1);
        const namespace = /#export:(\*|default)$/.exec(base);
        if (namespace && !this.aliases.has(`${base}.${member}`)) {
          current = `${base.slice(0, namespace.index)}#export:${member}`;
          continue;
        }
        if (`${base}.${member}` !== current) {
          current = `${base}.${member}`;
          continue;
        }
      }
      break;
    }
    return current;
  }

  /** A mounted function stands for its first parameter (a Fastify plugin, an Express `(router) => {}` module). */
  private mountTarget(child: string): string {
    const id = this.canonical(child);
    const params = this.functionParams.get(id);
    return params?.[0] ? this.canonical(params[0]) : id;
  }

  /** Every full path prefix under which a router is reachable; a router mounted nowhere is a root. */
  private prefixesOf(router: string, visiting: Set<string>, cache: Map<string, string[]>, incoming: Map<string, Mount[]>): string[] {
    const cached = cache.get(router);
    if (cached) return cached;
    const own = this.ownPrefixes.get(router) ?? '';
    if (visiting.has(router)) return [own];
    visiting.add(router);
    const edges = incoming.get(router) ?? [];
    const result = edges.length
      ? [...new Set(edges.flatMap((m) => this.prefixesOf(this.canonical(m.parent), visiting, cache, incoming).map((p) => joinPaths(p, m.prefix, m.replacesOwnPrefix ? '' : own))))]
      : [own];
    visiting.delete(router);
    cache.set(router, result);
    return result;
  }

  endpoints(): CodeEndpoint[] {
    const incoming = new Map<string, Mount[]>();
    for (const mount of this.mounts) {
      const target = this.mountTarget(mount.child);
      if (target === this.canonical(mount.parent)) continue;
      incoming.set(target, [...(incoming.get(target) ?? []), mount]);
    }
    const known = new Set([...this.factories].map((f) => this.canonical(f)));
    for (const mount of this.mounts) known.add(this.canonical(mount.parent)).add(this.mountTarget(mount.child));
    const cache = new Map<string, string[]>();
    const out: CodeEndpoint[] = [];
    for (const route of this.routes) {
      if (route.requiresKnownRouter && !known.has(this.canonical(route.router))) continue;
      for (const prefix of this.prefixesOf(this.canonical(route.router), new Set(), cache, incoming)) {
        out.push({
          method: route.method,
          path: toOpenApiPath(joinPaths(prefix, route.path)),
          file: route.file,
          line: route.line,
          framework: route.framework,
          ...(route.handler ? { handler: route.handler } : {}),
        });
      }
    }
    return out;
  }
}

/** Joins path pieces with single slashes; no trailing slash except for the root. */
export function joinPaths(...parts: string[]): string {
  const joined = `/${parts.filter((p) => p !== '').join('/')}`.replace(/\/{2,}/g, '/');
  return joined.length > 1 ? joined.replace(/\/$/, '') : joined;
}

/** Route parameters of every framework we read, in OpenAPI form. */
export function toOpenApiPath(path: string): string {
  return path
    .split('/')
    .map((segment) =>
      segment
        // Flask and Django converters: <int:id>, <slug>
        .replace(/<(?:[A-Za-z_]\w*:)?([A-Za-z_]\w*)>/g, '{$1}')
        // Spring and chi patterns with a regex: {id:[0-9]+}
        .replace(/\{([A-Za-z_]\w*)(?::[^}]*)?\}/g, '{$1}')
        // Express, Koa, Fastify, gin, echo: :id, :id?, :id(\\d+)
        .replace(/:([A-Za-z_]\w*)(?:\([^)]*\))?\??/g, '{$1}')
        // gin and echo catch-alls: *path
        .replace(/^\*([A-Za-z_]\w*)$/, '{$1}'),
    )
    .join('/');
}
