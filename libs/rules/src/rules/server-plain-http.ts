import { createFinding } from '@apiaudit/domain';
import { defineRule, specEvidence } from '../spec-rule';

export const rule = defineRule(
  {
    id: 'server-plain-http',
    title: 'Server URL uses plain HTTP',
    category: 'security',
    severity: 'high',
    rationale:
      'Over plain HTTP, credentials, tokens and personal data cross the network readable and modifiable by anyone on the path ' +
      '(OWASP API8:2023, security misconfiguration).',
    fix: 'Serve the API over HTTPS only and redirect or refuse plain HTTP; list only https:// servers.',
    owasp: 'API8:2023',
  },
  (model) =>
    model.servers
      .filter((s) => /^http:\/\//i.test(s.url) && !/^http:\/\/(localhost|127\.|\[::1\])/i.test(s.url))
      .map((s) => createFinding(rule.meta, { message: `Server '${s.url}' is plain HTTP.`, evidence: [specEvidence(model, s.at)], key: s.url })),
);
