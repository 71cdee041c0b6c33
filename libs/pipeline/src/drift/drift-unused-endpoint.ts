import { createFinding, type Finding, type RuleMeta } from '@apiaudit/domain';
import { templateKey, type ObservedEndpoint } from './observed-endpoint';

export const meta: RuleMeta = {
  id: 'drift-unused-endpoint',
  title: 'Documented endpoint received no traffic in the traced window',
  category: 'drift',
  source: 'trace',
  severity: 'low',
  rationale:
    'A documented operation nobody calls is either dead weight (code to secure, test and keep compatible) or ' +
    'a gap in the traces. Either way the audit cannot vouch for its performance, and it is a candidate for ' +
    'deprecation.',
  target: { metric: 'findings.count', comparator: '==', value: 0 },
  fix: 'Check the operation\'s usage over a longer window; deprecate it with a sunset date if it is truly unused.',
};

/** Spec endpoints that no server span matched; only meaningful when traces were given. */
export function findUnusedEndpoints(spec: ObservedEndpoint[], traffic: ObservedEndpoint[]): Finding[] {
  if (traffic.length === 0) return [];
  const called = new Set(traffic.map((e) => templateKey(e.method, e.path)));
  return spec
    .filter((e) => !called.has(templateKey(e.method, e.path)))
    .map((endpoint) =>
      createFinding(meta, {
        message: `${endpoint.method.toUpperCase()} ${endpoint.path} is documented but received no request in the traces.`,
        endpoint: { method: endpoint.method, path: endpoint.path },
        evidence: endpoint.evidence,
      }),
    );
}

