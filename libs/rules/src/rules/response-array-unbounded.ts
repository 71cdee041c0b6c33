import { defineRule, grouped, plural } from '../spec-rule';

export const rule = defineRule(
  {
    id: 'response-array-unbounded',
    title: 'Response returns a bare array without maxItems',
    category: 'performance',
    severity: 'low',
    rationale:
      'A response that is a top-level array has no room for paging metadata and no stated bound: payloads grow with the ' +
      'data until clients time out (OWASP API4:2023). Adding a wrapper object later is a breaking change.',
    fix: 'Return an object (`{ items: [...], next: ... }`) with a bounded page, or declare `maxItems` when the list is small by nature.',
    owasp: 'API4:2023',
  },
  (model) =>
    grouped(
      rule.meta,
      model,
      model.operations.flatMap((op) =>
        op.responses
          .filter((r) => /^2/.test(r.status))
          .flatMap((r) => r.content.filter((c) => c.schema?.value.type === 'array' && c.schema.value.maxItems === undefined).slice(0, 1))
          .map((c) => ({ op, at: c.schema!.at })),
      ),
      (n) => `${plural(n, 'operation')} ${n === 1 ? 'returns' : 'return'} an unbounded top-level array.`,
    ),
);
