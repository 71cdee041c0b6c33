import type { Finding } from '@apiaudit/domain';
import { describesArray } from '../schema-walk';
import { defineRule, perOperation } from '../spec-rule';

const PAGING = /^(limit|page|page_?size|per_?page|cursor|after|before|offset|next|page_?token|max_?results|top|skip|starting_after|ending_before|first|last|count)$/i;

export const rule = defineRule(
  {
    id: 'list-endpoint-unbounded',
    title: 'Collection GET has no pagination',
    category: 'pagination',
    severity: 'medium',
    rationale:
      'A list endpoint without pagination returns the whole collection: response size, latency and database load grow with the ' +
      'data, one client can exhaust server resources (OWASP API4:2023), and adding pagination later is a breaking change.',
    fix: 'Add cursor pagination (a `limit` with a maximum and a `cursor`/`next` token) and return a link to the next page.',
    owasp: 'API4:2023',
  },
  (model) => {
    const findings: Finding[] = [];
    for (const op of model.operations) {
      if (op.method !== 'get' || op.parameters.some((p) => p.in !== 'path' && PAGING.test(p.name))) continue;
      const ok = op.responses.find((r) => r.status === '200');
      if (!ok?.content.some((c) => c.schema && describesArray(model.doc, c.schema.value, c.schema.at))) continue;
      findings.push(perOperation(rule.meta, model, op, `${op.method.toUpperCase()} ${op.path} returns a list but takes no pagination parameter.`));
    }
    return findings;
  },
);
