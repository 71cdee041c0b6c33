import { requestSchemaHits } from '../schema-walk';
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
  (model) =>
    grouped(
      rule.meta,
      model,
      requestSchemaHits(model, (schema) => (schema.type === 'integer' || schema.type === 'number') && schema.minimum === undefined && schema.maximum === undefined && schema.exclusiveMinimum === undefined && schema.enum === undefined),
      (n) => `${plural(n, 'request number')} ${n === 1 ? 'has' : 'have'} no bounds.`,
    ),
);
