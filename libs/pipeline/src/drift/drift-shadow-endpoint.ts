import type { RuleMeta } from '@apiaudit/domain';

export const meta: RuleMeta = {
  id: 'drift-shadow-endpoint',
  title: 'Endpoint that serves traffic but is neither documented nor routed in the audited code (shadow)',
  category: 'drift',
  source: 'trace',
  severity: 'high',
  rationale:
    'Requests reach an endpoint that neither the spec nor the audited code declares: another service, an old ' +
    'deployment or a proxy answers them. Nobody reviews its security or its contract (OWASP API9:2023, improper inventory).',
  fix: 'Find who serves it (the trace names the service), then document and own it, or switch it off.',
  owasp: 'API9:2023',
  target: { metric: 'findings.count', comparator: '==', value: 0 },
};
