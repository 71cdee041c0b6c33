import { defineRule, grouped, plural } from '../spec-rule';

export const rule = defineRule(
  {
    id: 'pagination-limit-unbounded',
    title: 'Page size parameter has no maximum',
    category: 'pagination',
    severity: 'medium',
    rationale:
      'A `limit` without `maximum` lets one request ask for a million rows: pagination exists but does not protect the ' +
      'server (OWASP API4:2023, unrestricted resource consumption).',
    fix: 'Declare `maximum` (and a `default`) on every page-size parameter and enforce it server-side.',
    owasp: 'API4:2023',
  },
  (model) =>
    grouped(
      rule.meta,
      model,
      model.operations.flatMap((op) =>
        op.parameters
          .filter((p) => p.in === 'query' && /^(limit|page_?size|per_?page|max_?results|count|top|first)$/i.test(p.name))
          .filter((p) => p.schema?.value.maximum === undefined)
          .map((p) => ({ op, at: p.at, note: `${op.method.toUpperCase()} ${op.path} ?${p.name}` })),
      ),
      (n) => `${plural(n, 'page-size parameter')} ${n === 1 ? 'has' : 'have'} no maximum.`,
    ),
);
