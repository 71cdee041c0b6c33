import type { Span } from '../span';

/** A span placed in its trace: ids made unique and times corrected for clock skew between hosts. */
export interface TraceNode {
  span: Span;
  id: string;
  parentId?: string;
  parent?: TraceNode;
  children: TraceNode[];
  startUs: number;
  endUs: number;
}

export interface TraceTree {
  traceId: string;
  nodes: TraceNode[];
  roots: TraceNode[];
  /** Spans whose parent is not in the trace (lost, unsampled, or flushed apart). */
  orphanSpans: number;
  /** Spans moved into their parent's interval because a remote host's clock disagreed. */
  skewAdjustedSpans: number;
}

/**
 * Builds the span tree of one trace. Zipkin's shared-span model gives a client and its server the same id; the
 * client is renamed and becomes the server's parent, so the server keeps the children that name it.
 */
// Leaves (most spans) share one empty list instead of allocating their own; it is replaced on the first child.
const NO_CHILDREN: TraceNode[] = [];

export function buildTraceTree(spans: Span[]): TraceTree {
  const nodes: TraceNode[] = spans.map((span) => ({
    span,
    id: span.spanId,
    parentId: span.parentSpanId,
    children: NO_CHILDREN,
    startUs: span.startUs,
    endUs: span.startUs + span.durationUs,
  }));
  const byId = new Map<string, TraceNode>();
  for (const node of nodes) {
    const other = byId.get(node.id);
    if (!other) {
      byId.set(node.id, node);
      continue;
    }
    const [client, server] = isServerSide(node) && !isServerSide(other) ? [other, node] : [node, other];
    client.id = `${client.id}:client`;
    while (byId.has(client.id)) client.id += "'";
    byId.set(client.id, client);
    byId.set(server.id, server);
    if (server.parentId === client.parentId || !server.parentId) server.parentId = client.id;
  }
  let orphanSpans = 0;
  const roots: TraceNode[] = [];
  for (const node of nodes) {
    const parent = node.parentId ? byId.get(node.parentId) : undefined;
    if (parent && parent !== node) {
      node.parent = parent;
      if (parent.children === NO_CHILDREN) parent.children = [node];
      else parent.children.push(node);
    } else {
      if (node.parentId) orphanSpans++;
      roots.push(node);
    }
  }
  const skewAdjustedSpans = adjustSkew(roots, nodes);
  for (const node of nodes) if (node.children.length > 1) node.children.sort((a, b) => a.startUs - b.startUs);
  roots.sort((a, b) => a.startUs - b.startUs);
  return { traceId: spans[0]?.traceId ?? '', nodes, roots, orphanSpans, skewAdjustedSpans };
}

function isServerSide(node: TraceNode): boolean {
  return node.span.kind === 'server' || node.span.kind === 'consumer' || node.span.shared === true;
}

/** A synchronous hop to another service: only there must the callee's span sit inside the caller's. */
function isRemoteCall(parent: TraceNode, child: TraceNode): boolean {
  if (parent.span.service === child.span.service) return false;
  const parentKind = parent.span.kind;
  if (parentKind === 'producer' || child.span.kind === 'consumer') return false;
  return parentKind === 'client' || parentKind === 'unspecified';
}

/**
 * A server span on another host that starts before or ends after its client is a clock disagreement, not causality.
 * (Messaging is exempt: a consumer may run long after its producer finished.)
 * Like Jaeger's adjuster, centre the child (and its subtree) within the parent. Spans unreachable from a root
 * (a parent cycle) are promoted to roots.
 */
function adjustSkew(roots: TraceNode[], nodes: TraceNode[]): number {
  let adjusted = 0;
  const visited = new Set<TraceNode>();
  const stack: [TraceNode, number][] = roots.map((root) => [root, 0]);
  const walk = () => {
    while (stack.length) {
      const [node, inherited] = stack.pop()!;
      if (visited.has(node)) continue;
      visited.add(node);
      let shift = inherited;
      node.startUs += inherited;
      node.endUs += inherited;
      const parent = node.parent;
      if (parent && isRemoteCall(parent, node) && (node.startUs < parent.startUs || node.endUs > parent.endUs)) {
        const parentDuration = parent.endUs - parent.startUs;
        const duration = node.endUs - node.startUs;
        const delta =
          duration <= parentDuration ? parent.startUs + (parentDuration - duration) / 2 - node.startUs : parent.startUs - node.startUs;
        node.startUs += delta;
        node.endUs += delta;
        shift += delta;
        adjusted++;
      }
      for (const child of node.children) stack.push([child, shift]);
    }
  };
  walk();
  for (const node of nodes) {
    if (visited.has(node)) continue;
    if (node.parent) {
      node.parent.children = node.parent.children.filter((child) => child !== node);
      node.parent = undefined;
    }
    roots.push(node);
    stack.push([node, 0]);
    walk();
  }
  return adjusted;
}
