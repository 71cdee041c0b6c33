import { defineRule, grouped, plural } from '../spec-rule';

export const rule = defineRule(
  {
    id: 'operation-missing-operation-id',
    title: 'Operation has no operationId',
    category: 'contract',
    severity: 'low',
    rationale:
      'SDK generators, gateways and documentation use operationId as the stable name of an operation. Without it, generated ' +
      'method names are derived from paths and change whenever a path is edited, breaking client code that did not need to break.',
    fix: 'Give every operation a unique, verb-first camelCase operationId (listOrders, getOrder) and keep it stable.',
  },
  (model) =>
    grouped(
      rule.meta,
      model,
      model.operations.filter((op) => !op.operationId).map((op) => ({ op, at: op.at })),
      (n) => `${plural(n, 'operation')} ${n === 1 ? 'has' : 'have'} no operationId.`,
    ),
);
