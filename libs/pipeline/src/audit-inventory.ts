import { join } from 'node:path';
import type { Endpoint, Finding } from '@apiaudit/domain';
import type { TraceAnalysis } from '@apiaudit/domain';
import { buildInventory, type InventoryEntry } from './build-inventory';
import { detectDrift, templateKey, type ObservedEndpoint } from './drift';
import type { IngestedSpec, ScannedRepo } from './ingest-audit';

function specEndpoints(specs: IngestedSpec[]): ObservedEndpoint[] {
  return specs.flatMap(({ model, prefix }) =>
    model.operations.map((op) => {
      const { file, line, column, pointer } = model.doc.locate(op.at);
      const path = prefix && prefix !== '.' ? join(prefix, file) : file;
      return { method: op.method.toUpperCase(), path: op.path, evidence: [{ kind: 'spec' as const, file: path, line, column, pointer }] };
    }),
  );
}

function codeEndpoints(repos: ScannedRepo[]): ObservedEndpoint[] {
  return repos.flatMap(({ scan }) => scan.endpoints.map((e) => ({ method: e.method, path: e.path, evidence: [{ kind: 'code' as const, file: e.file, line: e.line }] })));
}

/**
 * Traffic endpoints that belong to the audited API: those of services that serve at least one documented
 * operation. Internal services behind it have their own contracts and are not drift of this one. Each keeps its
 * stats, so the inventory does not look them up again.
 */
function trafficEndpoints(analysis: TraceAnalysis, documented: ObservedEndpoint[]): Array<ObservedEndpoint & { stats: TraceAnalysis['endpoints'][number] }> {
  const keys = new Set(documented.map((e) => templateKey(e.method, e.path)));
  const owners = new Set(analysis.endpoints.filter((e) => keys.has(templateKey(e.method, e.path))).map((e) => e.service));
  return analysis.endpoints
    .filter((e) => documented.length === 0 || owners.has(e.service))
    .map((e) => ({ method: e.method, path: e.path, service: e.service, requests: e.requests, stats: e, evidence: [{ kind: 'trace' as const, note: `${e.requests} requests, p95 ${Math.round(e.p95Ms)} ms` }] }));
}

/**
 * One inventory of the endpoints that spec, code and traffic name, each with its drift, and the drift findings.
 * Code and traffic paths take the spec's spelling (its /api-style prefix).
 */
export function buildAuditInventory(specs: IngestedSpec[], repos: ScannedRepo[], traces: TraceAnalysis | undefined): { inventory: Endpoint[]; driftFindings: Finding[] } {
  const documented = specEndpoints(specs);
  const code = codeEndpoints(repos);
  const traffic = traces ? trafficEndpoints(traces, documented) : [];
  const drift = detectDrift({ spec: documented, ...(repos.length ? { code } : {}), ...(traces ? { traffic } : {}) });
  const entries: InventoryEntry[] = [
    ...code.map((e) => ({ method: e.method, path: drift.alignCode(e.path), source: 'code' as const })),
    ...specs.flatMap(({ model }) =>
      model.operations.map((op) => ({ method: op.method, path: op.path, source: 'spec' as const, ...(op.operationId ? { operationId: op.operationId } : {}), ...(op.deprecated ? { deprecated: true } : {}) })),
    ),
    ...traffic.map(({ method, path, service, stats }) => ({
      method,
      path: drift.alignTraffic(path),
      source: 'trace' as const,
      ...(service ? { service } : {}),
      traffic: { requests: stats.requests, errorRate: stats.errorRate, p50Ms: stats.p50Ms, p95Ms: stats.p95Ms, p99Ms: stats.p99Ms },
    })),
  ];
  const inventory = buildInventory(entries).map((endpoint) => {
    const status = drift.statuses.get(templateKey(endpoint.method, endpoint.path));
    return status ? { ...endpoint, drift: status } : endpoint;
  });
  return { inventory, driftFindings: drift.findings };
}
