import { walkSchema } from '../schema-walk';
import { defineRule, grouped, plural } from '../spec-rule';

export const rule = defineRule(
  {
    id: 'number-without-bounds',
    title: 'Request number has no minimum or maximum',
    category: 'security',
    severity: 'low',
    rationale:
      'Quantities, amounts and page sizes without bounds accept -1, 0 and 2^53: negative orders, zero-priced items and ' +
      'absurd batch sizes reach business logic that never expected them (OWASP API4:2023 and API6:2023).',
    fix: 'Declare `minimum` and `maximum` on request numbers and integers.',
    owasp: 'API4:2023',
  },
  (model) => {
    const hits: Array<{ at: import('@apiaudit/openapi').NodeRef; note?: string }> = [];
    const seen = new Set<string>();
    for (const op of model.operations) {
      for (const media of op.requestBody?.content ?? []) {
        if (!media.schema) continue;
        walkSchema(model.doc, media.schema.value, media.schema.at, ({ schema, at, property }) => {
          if ((schema.type === 'integer' || schema.type === 'number') && schema.minimum === undefined && schema.maximum === undefined && schema.exclusiveMinimum === undefined && schema.enum === undefined) {
            hits.push({ at, ...(property ? { note: property } : {}) });
          }
        }, seen);
      }
    }
    return grouped(rule.meta, model, hits, (n) => `${plural(n, 'request number')} ${n === 1 ? 'has' : 'have'} no bounds.`);
  },
);
