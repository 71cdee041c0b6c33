import { createFinding, type Finding, type RuleMeta } from '@apiaudit/domain';
import { templateKey, type ObservedEndpoint } from './observed-endpoint';

export const meta: RuleMeta = {
  id: 'drift-undocumented-endpoint',
  title: 'Endpoint serves traffic or exists in code but is missing from the spec',
  category: 'drift',
  source: 'trace',
  severity: 'high',
  rationale:
    'An endpoint that clients call but the contract does not describe has no agreed schema, no review of its ' +
    'security and no protection against breaking changes. It is also invisible to gateways, SDK generators ' +
    'and this audit\'s contract rules.',
  target: { metric: 'findings.count', comparator: '==', value: 0 },
  fix: 'Document the endpoint in the OpenAPI description (or remove it if it is dead), then re-run the audit.',
  owasp: 'API9:2023',
};

/** Endpoints observed in traffic or code whose template is absent from every spec. */
export function findUndocumentedEndpoints(spec: ObservedEndpoint[], observed: ObservedEndpoint[]): Finding[] {
  const documented = new Set(spec.map((e) => templateKey(e.method, e.path)));
  const reported = new Set<string>();
  const findings: Finding[] = [];
  for (const endpoint of observed) {
    const key = templateKey(endpoint.method, endpoint.path);
    if (documented.has(key) || reported.has(key)) continue;
    reported.add(key);
    const where = endpoint.evidence[0]?.kind === 'code' ? 'is routed in code' : `served ${endpoint.requests ?? 0} requests`;
    findings.push(
      createFinding(meta, {
        message: `${endpoint.method.toUpperCase()} ${endpoint.path} ${where} but no spec describes it.`,
        endpoint: { method: endpoint.method, path: endpoint.path },
        service: endpoint.service ?? null,
        evidence: endpoint.evidence,
        ...(endpoint.requests !== undefined ? { metrics: { requests: endpoint.requests } } : {}),
      }),
    );
  }
  return findings;
}

