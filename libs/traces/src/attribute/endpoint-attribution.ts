import type { EndpointRef, Workload } from '@apiaudit/domain';

export type { Workload };
import type { AttributeValue, Span } from '../span';

const HTTP_METHODS = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS', 'TRACE', 'CONNECT']);
const UUID = /^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i;
const NUMERIC = /^\d+$/;
const HEX = /^(?=.*\d)[0-9a-f]{8,}$/i;
// Opaque tokens (base64-ish ids, slugs with digits) longer than any real path word.
const OPAQUE = /^(?=.*\d)(?=.*[a-zA-Z])[A-Za-z0-9_-]{16,}$/;


// Spans of one export batch share their resource object, so the workload is derived once per batch.
const workloads = new WeakMap<object, Workload>();

export function workloadOf(span: Span): Workload {
  if (!span.resource) return { service: span.service };
  let workload = workloads.get(span.resource);
  if (!workload) {
    workload = readWorkload(span);
    workloads.set(span.resource, workload);
  }
  return workload;
}

function readWorkload(span: Span): Workload {
  const resource = span.resource ?? {};
  const text = (key: string) => (typeof resource[key] === 'string' ? (resource[key] as string) : undefined);
  const workload: Workload = { service: span.service };
  const environment = text('deployment.environment.name') ?? text('deployment.environment');
  if (environment) workload.environment = environment;
  const namespace = text('k8s.namespace.name');
  if (namespace) workload.namespace = namespace;
  const k8s = text('k8s.deployment.name') ?? text('k8s.statefulset.name') ?? text('k8s.daemonset.name') ?? text('k8s.cronjob.name');
  if (k8s) workload.k8sWorkload = k8s;
  return workload;
}

const workloadKeys = new WeakMap<Workload, string>();

export function workloadKey(workload: Workload): string {
  let key = workloadKeys.get(workload);
  if (key === undefined) {
    key = computeWorkloadKey(workload);
    workloadKeys.set(workload, key);
  }
  return key;
}

function computeWorkloadKey(workload: Workload): string {
  const where = [workload.environment, workload.namespace, workload.k8sWorkload].filter(Boolean).join('/');
  return where ? `${workload.service} (${where})` : workload.service;
}

interface CompiledTemplate {
  template: string;
  pattern: RegExp;
  /** The same template anywhere after a base path (`/api` + `/articles/feed`), the base captured. */
  suffixPattern: RegExp;
  literalSegments: number;
  segments: number;
  shape: string;
  source: 'spec' | 'code';
}

/** A request named after a literal path of the spec or code instead of the route template its span carried. */
export interface Reattribution {
  path: string;
  route: string;
  template: string;
  source: 'spec' | 'code';
}

/** Matches concrete paths to the spec's path templates; the template with the most literal segments wins. */
export class PathTemplates {
  private readonly compiled: CompiledTemplate[];
  private readonly byShape = new Map<string, string>();

  /** @param codePaths routes found in the code, used like the spec's but named as the code's in evidence. */
  constructor(templates: string[] = [], codePaths: string[] = []) {
    const sources = [...templates.map((template) => ({ template, source: 'spec' as const })), ...codePaths.map((template) => ({ template: normaliseRoute(template), source: 'code' as const }))];
    this.compiled = sources.map(({ template, source }) => {
      const segments = template.split('/').filter(Boolean);
      const body = segments.map((segment) => (/^\{[^}]+\}$/.test(segment) ? '[^/]+' : escapeRegExp(segment))).join('/');
      const pattern = new RegExp(`^/${body}/?$`);
      const suffixPattern = new RegExp(`^((?:/[^/]+)*)/${body}/?$`);
      const shape = shapeOf(template);
      if (!this.byShape.has(shape)) this.byShape.set(shape, template);
      return { template, pattern, suffixPattern, literalSegments: segments.filter((segment) => !segment.startsWith('{')).length, segments: segments.length, shape, source };
    });
    this.compiled.sort((a, b) => b.literalSegments - a.literalSegments);
  }

  private readonly routes = new Map<string, string>();

  get size(): number {
    return this.compiled.length;
  }

  /** The endpoint path for an instrumented route; cached, since a service has few routes and many requests. */
  pathForRoute(route: string): string {
    let path = this.routes.get(route);
    if (path === undefined) {
      const normalised = normaliseRoute(route);
      path = this.spellingOf(normalised) ?? this.match(normalised) ?? normalised;
      if (this.routes.size < 10000) this.routes.set(route, path);
    }
    return path;
  }

  match(path: string): string | undefined {
    for (const entry of this.compiled) if (entry.pattern.test(path)) return entry.template;
    return undefined;
  }

  /**
   * A spec or code path that names the concrete path better than the span's route: it matches `rawPath` (directly
   * or after the route's own base path, as `/api` before a spec's `/articles/feed`), has as many segments as the
   * route and more literal ones. koa-router, for one, labels a request with the last matching layer, so
   * `/api/articles/feed` arrives as `/api/articles/:slug`.
   */
  betterLiteralMatch(route: string, rawPath: string): Reattribution | undefined {
    if (!this.compiled.length) return undefined;
    let candidates = this.candidates.get(route);
    if (!candidates) {
      candidates = this.candidatesFor(route);
      if (this.candidates.size < 10000) this.candidates.set(route, candidates);
    }
    for (const { entry, normalised, segments, literals } of candidates) {
      const base = entry.suffixPattern.exec(rawPath)?.[1];
      if (base === undefined || (base !== '' && !normalised.startsWith(`${base}/`))) continue;
      const path = `${base}${entry.template}`;
      const pathSegments = path.split('/').filter(Boolean);
      if (pathSegments.length !== segments) continue;
      if (pathSegments.filter((segment) => !isParameter(segment)).length > literals) return { path, route, template: entry.template, source: entry.source };
    }
    return undefined;
  }

  private readonly candidates = new Map<string, { entry: CompiledTemplate; normalised: string; segments: number; literals: number }[]>();

  /** Templates that could name some path of `route` with more literal segments (most literal first); often none. */
  private candidatesFor(route: string) {
    const normalised = normaliseRoute(route);
    const routeSegments = normalised.split('/').filter(Boolean);
    const literals = routeSegments.filter((segment) => !isParameter(segment)).length;
    if (literals === routeSegments.length) return [];
    return this.compiled
      .filter((entry) => entry.segments <= routeSegments.length && entry.literalSegments + (routeSegments.length - entry.segments) > literals)
      .map((entry) => ({ entry, normalised, segments: routeSegments.length, literals }));
  }

  /** The spec's spelling of a route the instrumentation reported (parameter names may differ). */
  spellingOf(route: string): string | undefined {
    return this.byShape.get(shapeOf(route));
  }
}

function isParameter(segment: string): boolean {
  return /^\{[^}]+\}$/.test(segment);
}

function shapeOf(template: string): string {
  return template
    .split('/')
    .filter(Boolean)
    .map((segment) => (/^\{[^}]+\}$/.test(segment) ? '{}' : segment))
    .join('/');
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** `/orders/123/items/9f2c…` -> `/orders/{id}/items/{id}`: ids are the segments no router would spell literally. */
export function templatePath(path: string): string {
  const segments = path.split('/').map((segment) => {
    if (segment === '') return segment;
    if (NUMERIC.test(segment) || UUID.test(segment) || HEX.test(segment) || OPAQUE.test(segment)) return '{id}';
    return segment;
  });
  return segments.join('/') || '/';
}

/** Express and Rails write `:id`; OpenAPI and OTel's http.route examples write `{id}`. */
export function normaliseRoute(route: string): string {
  const path = route.split('?')[0];
  const templated = path.replace(/:([A-Za-z_][A-Za-z0-9_]*)/g, '{$1}').replace(/<(?:[^:>]+:)?([^>]+)>/g, '{$1}');
  return templated.startsWith('/') ? templated : `/${templated}`;
}

function text(attributes: Record<string, AttributeValue>, ...keys: string[]): string | undefined {
  for (const key of keys) {
    const value = attributes[key];
    if (typeof value === 'string' && value !== '') return value;
  }
  return undefined;
}

function pathOfUrl(url: string): string | undefined {
  if (url.startsWith('/')) return url.split('?')[0];
  const match = /^[a-z][a-z0-9+.-]*:\/\/[^/]+(\/[^?#]*)?/i.exec(url);
  return match ? match[1] || '/' : undefined;
}

export function httpMethodOf(span: Span): string | undefined {
  const method = text(span.attributes, 'http.request.method', 'http.method')?.toUpperCase();
  if (method && HTTP_METHODS.has(method)) return method;
  const first = span.name.split(' ')[0].toUpperCase();
  return HTTP_METHODS.has(first) ? first : undefined;
}

/** The concrete request path a span records, if any. */
export function rawPathOf(span: Span): string | undefined {
  const attributes = span.attributes;
  const direct = text(attributes, 'url.path', 'http.target', 'http.path');
  if (direct) return direct.split('?')[0];
  const url = text(attributes, 'url.full', 'http.url', 'http.uri', 'http.uri.client');
  if (url) return pathOfUrl(url);
  const [, rest] = span.name.split(' ');
  if (rest?.startsWith('/')) return rest.split('?')[0];
  return span.name.startsWith('/') ? span.name.split('?')[0] : undefined;
}

/**
 * The endpoint a server span served: http.route (or url.template) first, then the concrete path matched to a
 * spec template, then the path with its id-like segments replaced. Non-HTTP servers (gRPC, consumers) become
 * `RPC /service/method` or `RPC /<span name>` so they still have a stable key.
 */
export function attributeEndpoint(span: Span, templates: PathTemplates): EndpointRef {
  return attributeRequest(span, templates).endpoint;
}

/** The endpoint, and when a literal spec or code path named it instead of the span's route, what was replaced. */
export function attributeRequest(span: Span, templates: PathTemplates): { endpoint: EndpointRef; reattribution?: Reattribution } {
  const route = text(span.attributes, 'http.route', 'url.template');
  const raw = route ? rawPathOf(span) : undefined;
  const better = route && raw ? templates.betterLiteralMatch(route, raw) : undefined;
  if (better) return { endpoint: { method: httpMethodOf(span) ?? 'GET', path: better.path }, reattribution: better };
  return { endpoint: attributeUnprefixed(span, templates) };
}

function attributeUnprefixed(span: Span, templates: PathTemplates): EndpointRef {
  const endpoint = attributeRawEndpoint(span, templates);
  // Some tracers record paths without the leading slash ("devices/{id}"); endpoints are always rooted.
  if (!endpoint.path.startsWith('/')) endpoint.path = `/${endpoint.path}`;
  return endpoint;
}

function attributeRawEndpoint(span: Span, templates: PathTemplates): EndpointRef {
  const method = httpMethodOf(span);
  const route = text(span.attributes, 'http.route', 'url.template');
  if (route) return { method: method ?? 'GET', path: templates.pathForRoute(route) };
  const raw = rawPathOf(span);
  if (method && raw) return { method, path: templates.match(raw) ?? templatePath(raw) };
  const rpcService = text(span.attributes, 'rpc.service');
  const rpcMethod = text(span.attributes, 'rpc.method');
  if (rpcService && rpcMethod) return { method: 'RPC', path: `/${rpcService}/${rpcMethod}` };
  if (raw) return { method: method ?? 'GET', path: templates.match(raw) ?? templatePath(raw) };
  const name = span.name || 'unnamed';
  return { method: method ?? 'RPC', path: name.startsWith('/') ? templatePath(name) : `/${templatePath(name)}` };
}
