import type { EndpointRef } from '@apiaudit/domain';
import { attributeRequest, httpMethodOf, type PathTemplates, rawPathOf, type Reattribution, templatePath, type Workload, workloadOf } from '../attribute/endpoint-attribution';
import type { TraceNode, TraceTree } from './trace-tree';

/** One request as a service handled it: its server span and the work it did before the next service took over. */
export interface RequestView {
  traceId: string;
  root: TraceNode;
  endpoint: EndpointRef;
  service: string;
  workload: Workload;
  /** The outermost request of the trace, to which cost is attributed. */
  entry: { endpoint: EndpointRef; service: string };
  /** Spans of this request in this service, nested server spans (other requests) excluded. */
  nodes: TraceNode[];
  dbCalls: TraceNode[];
  /** Client and producer spans that are not database calls. */
  outboundCalls: TraceNode[];
  durationUs: number;
  /** Time covered by outbound and database calls. */
  downstreamUs: number;
  selfUs: number;
  isError: boolean;
  /** Set when a literal spec or code path named the request instead of the span's http.route. */
  reattribution?: Reattribution;
  requestBytes?: number;
  responseBytes?: number;
}

export function isDbCall(node: TraceNode): boolean {
  const attributes = node.span.attributes;
  return (
    node.span.kind !== 'server' &&
    (attributes['db.system'] !== undefined ||
      attributes['db.system.name'] !== undefined ||
      attributes['db.statement'] !== undefined ||
      attributes['db.query.text'] !== undefined)
  );
}

export function statementOf(node: TraceNode): string {
  const attributes = node.span.attributes;
  const statement = attributes['db.query.text'] ?? attributes['db.statement'];
  return typeof statement === 'string' && statement !== '' ? statement : node.span.name;
}

function isRequestRoot(node: TraceNode): boolean {
  const kind = node.span.kind;
  if (kind === 'server' || kind === 'consumer' || node.span.shared) return true;
  // Untyped roots (Zipkin spans without kind, some proxies) still start the work of a trace.
  return !node.parent && (kind === 'unspecified' || kind === 'internal');
}

function isOutbound(node: TraceNode): boolean {
  if (isDbCall(node)) return false;
  const kind = node.span.kind;
  if (kind === 'client' || kind === 'producer') return true;
  return kind === 'unspecified' && node.children.some((child) => child.span.kind === 'server' || child.span.shared === true);
}

/** The service (or host) an outbound call reached, and its operation, as one label. */
export function callTargetOf(node: TraceNode): { target: string; operation: string } {
  const server = node.children.find((child) => child.span.kind === 'server' || child.span.shared);
  const attributes = node.span.attributes;
  const target =
    server?.span.service ??
    node.span.remoteService ??
    (attributes['peer.service'] as string | undefined) ??
    (attributes['server.address'] as string | undefined) ??
    (attributes['net.peer.name'] as string | undefined) ??
    (attributes['rpc.service'] as string | undefined) ??
    hostOf(attributes['url.full'] ?? attributes['http.url']) ??
    node.span.name;
  const method = httpMethodOf(node.span);
  const route = (attributes['url.template'] as string | undefined) ?? (server?.span.attributes['http.route'] as string | undefined);
  const raw = rawPathOf(node.span);
  const path = route ?? (raw ? templatePath(raw) : undefined);
  const operation = method && path ? `${method} ${path}` : node.span.name;
  return { target: String(target), operation };
}

function hostOf(url: unknown): string | undefined {
  if (typeof url !== 'string') return undefined;
  return /^[a-z][a-z0-9+.-]*:\/\/([^/:?#]+)/i.exec(url)?.[1];
}

function numberAttribute(node: TraceNode, ...keys: string[]): number | undefined {
  for (const key of keys) {
    const value = Number(node.span.attributes[key]);
    if (Number.isFinite(value) && node.span.attributes[key] !== undefined) return value;
  }
  return undefined;
}

/** Length of the union of intervals, clipped to [from, to]. */
function coveredUs(nodes: TraceNode[], from: number, to: number): number {
  if (!nodes.length) return 0;
  const intervals = nodes
    .map((node) => [Math.max(from, node.startUs), Math.min(to, node.endUs)] as const)
    .filter(([start, end]) => end > start)
    .sort((a, b) => a[0] - b[0]);
  let total = 0;
  let currentStart = -Infinity;
  let currentEnd = -Infinity;
  for (const [start, end] of intervals) {
    if (start > currentEnd) {
      if (currentEnd > currentStart) total += currentEnd - currentStart;
      currentStart = start;
      currentEnd = end;
    } else if (end > currentEnd) currentEnd = end;
  }
  if (currentEnd > currentStart) total += currentEnd - currentStart;
  return total;
}

/**
 * The database spans that are round trips: those with no database span below them. A query builder or ORM span
 * (knex, Sequelize, TypeORM) wraps the driver's span (pg, mysql2) of the same query, and stock Node
 * auto-instrumentation records both; counting both doubled every query (measured on the RealWorld Koa + knex capture
 * in libs/traces/__fixtures__: 2,960 knex spans over 2,967 pg spans). When only the outer library is instrumented,
 * its spans are the leaves and count.
 */
function dbRoundTrips(dbCalls: TraceNode[], root: TraceNode): TraceNode[] {
  const calls = new Set(dbCalls);
  const wrappers = new Set<TraceNode>();
  for (const call of dbCalls) {
    for (let above = call.parent; above && above !== root; above = above.parent) {
      if (calls.has(above)) {
        wrappers.add(above);
        break;
      }
    }
  }
  return wrappers.size ? dbCalls.filter((call) => !wrappers.has(call)) : dbCalls;
}

/** Splits a trace into requests, outermost first. */
export function requestViewsOf(tree: TraceTree, templates: PathTemplates): RequestView[] {
  const views: RequestView[] = [];
  // A worklist, not recursion: a trace whose server spans call each other 10,000 deep is as many nested requests.
  // Popped in the order recursion would visit them (each request, then the requests it made, in order).
  const pending: Array<[TraceNode, RequestView['entry'] | undefined]> = [];
  const visit = (first: TraceNode) => {
    pending.push([first, undefined]);
    while (pending.length) {
      const [root, entry] = pending.pop()!;
      viewOne(root, entry);
    }
  };
  const viewOne = (root: TraceNode, entry: RequestView['entry'] | undefined) => {
    const { endpoint, reattribution } = attributeRequest(root.span, templates);
    const nodes: TraceNode[] = [];
    const nested: TraceNode[] = [];
    let dbCalls: TraceNode[] = [];
    const outboundCalls: TraceNode[] = [];
    // One pass that classifies as it walks: this runs for every request of a large file.
    const stack = root.children.slice();
    while (stack.length) {
      const node = stack.pop()!;
      if (isRequestRoot(node)) {
        nested.push(node);
        continue;
      }
      nodes.push(node);
      if (isDbCall(node)) dbCalls.push(node);
      else if (isOutbound(node)) outboundCalls.push(node);
      for (const child of node.children) stack.push(child);
    }
    const byStart = (a: TraceNode, b: TraceNode) => a.startUs - b.startUs;
    if (nodes.length > 1) nodes.sort(byStart);
    if (dbCalls.length > 1) dbCalls = dbRoundTrips(dbCalls, root).sort(byStart);
    if (outboundCalls.length > 1) outboundCalls.sort(byStart);
    const durationUs = root.endUs - root.startUs;
    const downstreamUs = coveredUs(dbCalls.concat(outboundCalls, nested), root.startUs, root.endUs);
    const view: RequestView = {
      traceId: tree.traceId,
      root,
      endpoint,
      service: root.span.service,
      workload: workloadOf(root.span),
      entry: entry ?? { endpoint, service: root.span.service },
      nodes,
      dbCalls,
      outboundCalls,
      durationUs,
      downstreamUs,
      selfUs: Math.max(0, durationUs - downstreamUs),
      isError: root.span.isError,
    };
    const requestBytes = numberAttribute(root, 'http.request.body.size', 'http.request_content_length', 'http.request.header.content-length');
    const responseBytes = numberAttribute(root, 'http.response.body.size', 'http.response_content_length', 'http.response.header.content-length');
    if (reattribution) view.reattribution = reattribution;
    if (requestBytes !== undefined) view.requestBytes = requestBytes;
    if (responseBytes !== undefined) view.responseBytes = responseBytes;
    views.push(view);
    for (let i = nested.length - 1; i >= 0; i--) pending.push([nested[i], view.entry]);
  };
  for (const root of tree.roots) {
    if (isRequestRoot(root)) visit(root);
    else {
      // An orphan client or internal span: its nearest request roots below still count as requests.
      const stack = [...root.children];
      while (stack.length) {
        const node = stack.pop()!;
        if (isRequestRoot(node)) visit(node);
        else stack.push(...node.children);
      }
    }
  }
  return views;
}
