import { defineRule, grouped, plural, type Hit } from '../spec-rule';

const SENSITIVE = /^(password|passwd|ssn|social_?security_?number|card_?number|cardnumber|cvv|cvc|pin|email|phone|dob|date_?of_?birth)$/i;

export const rule = defineRule(
  {
    id: 'sensitive-data-in-query',
    title: 'Personal or secret data in query parameters',
    category: 'security',
    severity: 'medium',
    rationale:
      'Query strings are logged by servers, proxies and analytics. Personal data (email, phone, birth date) or secrets sent there ' +
      'leak into systems that were never meant to hold them, a privacy and compliance problem (OWASP API3:2023).',
    fix: 'Move such inputs into the request body of a POST (for searches) or a header, and scrub them from logs.',
    owasp: 'API3:2023',
  },
  (model) => {
    const hits: Hit[] = [];
    for (const op of model.operations) {
      for (const p of op.parameters) if (p.in === 'query' && SENSITIVE.test(p.name)) hits.push({ op, at: p.at, note: `?${p.name}` });
    }
    return grouped(rule.meta, model, hits, (n) => `${plural(n, 'query parameter')} ${n === 1 ? 'carries' : 'carry'} personal or secret data.`);
  },
);
