import type { RuleFixtures } from '@apiaudit/domain';
import type { DriftInputs } from './detect-drift';
import type { ObservedEndpoint } from './observed-endpoint';

// A spec of three operations; code and traffic that drift from it in every way (positive), and code and traffic
// that match it exactly (negative). Each drift check reports only its own kind from the positive case.
const documented: ObservedEndpoint[] = [
  { method: 'GET', path: '/articles', evidence: [{ kind: 'spec', file: 'openapi.yaml', pointer: '/paths/~1articles/get' }] },
  { method: 'GET', path: '/articles/{slug}', evidence: [{ kind: 'spec', file: 'openapi.yaml', pointer: '/paths/~1articles~1{slug}/get' }] },
  { method: 'DELETE', path: '/articles/{slug}', evidence: [{ kind: 'spec', file: 'openapi.yaml', pointer: '/paths/~1articles~1{slug}/delete' }] },
];
const routed = (method: string, path: string, line: number): ObservedEndpoint => ({ method, path, evidence: [{ kind: 'code', file: 'src/articles.ts', line }] });
const called = (method: string, path: string, requests: number): ObservedEndpoint => ({ method, path, service: 'blog', requests, evidence: [{ kind: 'trace', traceId: `t-${requests}` }] });

const drifting: DriftInputs = {
  spec: documented,
  // DELETE is documented but no longer routed (zombie); /admin/reindex is routed but not documented.
  code: [routed('GET', '/api/articles', 3), routed('GET', '/api/articles/:slug', 9), routed('POST', '/api/admin/reindex', 15)],
  // /legacy/feed answers traffic though neither spec nor code has it (shadow); GET /articles/{slug} gets none (unused).
  traffic: [called('GET', '/api/articles', 120), called('GET', '/api/legacy/feed', 9)],
};
const matching: DriftInputs = {
  spec: documented,
  code: [routed('GET', '/api/articles', 3), routed('GET', '/api/articles/:slug', 9), routed('DELETE', '/api/articles/:slug', 15)],
  traffic: [called('GET', '/api/articles', 120), called('GET', '/api/articles/{slug}', 40), called('DELETE', '/api/articles/{slug}', 2)],
};

export const driftRuleFixtures: Record<string, RuleFixtures<DriftInputs>> = {
  'drift-undocumented-endpoint': { positive: drifting, negative: matching },
  'drift-zombie-endpoint': { positive: drifting, negative: matching },
  'drift-shadow-endpoint': { positive: drifting, negative: matching },
  'drift-unused-endpoint': { positive: drifting, negative: matching },
};
