import { createFinding } from '@apiaudit/domain';
import type { ParameterView } from '@apiaudit/openapi';
import { defineRule, specEvidence } from '../spec-rule';

const SIZE = /^(limit|page_?size|pageSize|per_?page|perPage|max_?results|maxResults|count|top|first)$/;

export const rule = defineRule(
  {
    id: 'pagination-parameter-names-inconsistent',
    title: 'Page-size parameters have different names',
    category: 'pagination',
    severity: 'low',
    rationale:
      'When one endpoint takes `limit`, another `per_page` and a third `pageSize`, clients cannot write one pagination helper ' +
      'and every integration needs per-endpoint code.',
    fix: 'Use one name for page size (and one for the cursor) across the API.',
  },
  (model) => {
    const byName = new Map<string, ParameterView>();
    for (const op of model.operations) for (const p of op.parameters) if (p.in === 'query' && SIZE.test(p.name) && !byName.has(p.name)) byName.set(p.name, p);
    if (byName.size < 2) return [];
    return [
      createFinding(rule.meta, {
        message: `Page size is called ${[...byName.keys()].map((n) => `'${n}'`).join(', ')} in different operations.`,
        evidence: [...byName.values()].map((p) => specEvidence(model, p.at, p.name)),
        subject: 'api',
      }),
    ];
  },
);
