import { defineRule, grouped, plural } from '../spec-rule';

export const rule = defineRule(
  {
    id: 'operation-missing-summary',
    title: 'Operation has neither summary nor description',
    category: 'contract',
    severity: 'info',
    rationale:
      'Reference docs, SDK comments and API catalogs show the summary first. An operation without one forces readers to ' +
      'guess its purpose from the path, which is where misuse starts.',
    fix: 'Give each operation a one-line `summary` and, where behaviour is not obvious, a `description`.',
  },
  (model) =>
    grouped(
      rule.meta,
      model,
      model.operations.filter((op) => !op.summary && typeof op.value.description !== 'string').map((op) => ({ op, at: op.at })),
      (n) => `${plural(n, 'operation')} ${n === 1 ? 'has' : 'have'} no summary or description.`,
    ),
);
