import type { RuleMeta } from '@apiaudit/domain';

export const meta: RuleMeta = {
  id: 'drift-zombie-endpoint',
  title: 'Documented endpoint that no code serves (zombie)',
  category: 'drift',
  source: 'code',
  severity: 'medium',
  rationale:
    'The spec promises an operation the code does not route: clients generated from the spec call it and get 404s, ' +
    'and gateways, docs and SDKs keep advertising it. Usually a removal that never reached the contract.',
  fix: 'Remove the operation from the spec (deprecate it first if clients may use it), or restore the route it describes.',
  owasp: 'API9:2023',
  target: { metric: 'findings.count', comparator: '==', value: 0 },
};
