import { defineRule, grouped, plural } from '../spec-rule';

export const rule = defineRule(
  {
    id: 'path-express-style-parameter',
    title: 'Path uses :param instead of {param}',
    category: 'contract',
    severity: 'medium',
    rationale:
      'OpenAPI path templates use `{name}`. A `:id` segment is a literal to every tool: SDKs call `/profiles/:id` verbatim, ' +
      'and the path parameter is never documented.',
    fix: 'Write path parameters as `{id}` and declare them under parameters with `in: path`.',
  },
  (model) =>
    grouped(
      rule.meta,
      model,
      model.operations.filter((op) => /\/:[A-Za-z_]/.test(op.path)).map((op) => ({ op, at: op.pathItemAt })),
      (n) => `${plural(n, 'operation')} ${n === 1 ? 'uses' : 'use'} Express-style ':param' segments.`,
    ),
);
