import { defineRule, perOperation } from '../spec-rule';

export const rule = defineRule(
  {
    id: 'delete-returns-200-without-body',
    title: 'DELETE answers 200 with no body',
    category: 'contract',
    severity: 'info',
    rationale:
      '200 promises a body. A DELETE that returns nothing should say 204 No Content, so clients do not try to parse an empty ' +
      'response.',
    fix: 'Answer 204 when a DELETE returns no body, or document the body it returns.',
  },
  (model) =>
    model.operations
      .filter((op) => op.method === 'delete')
      .flatMap((op) => op.responses.filter((r) => r.status === '200' && r.content.length === 0).map((r) => perOperation(rule.meta, model, op, `DELETE ${op.path} answers 200 without a body.`, r.at))),
);
