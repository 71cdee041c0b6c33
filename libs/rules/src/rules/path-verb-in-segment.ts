import { defineRule, grouped, plural } from '../spec-rule';

const VERBS = /^(get|create|add|update|delete|remove|list|fetch|set|make|do|save|insert|modify|retrieve)([A-Z_-]|$)/;

export const rule = defineRule(
  {
    id: 'path-verb-in-segment',
    title: 'Verb in a path segment',
    category: 'naming',
    severity: 'low',
    rationale:
      'In HTTP the method is the verb and the path names a resource. `/createOrder` or `/orders/delete` duplicate the method, ' +
      'grow the API surface and hide what caches and gateways could know from the method.',
    fix: 'Name resources with nouns and use the method: POST /orders instead of POST /createOrder.',
  },
  (model) =>
    grouped(
      rule.meta,
      model,
      model.operations
        .filter((op) => op.path.split('/').some((s) => !s.startsWith('{') && VERBS.test(s)))
        .map((op) => ({ op, at: op.pathItemAt })),
      (n) => `${plural(n, 'operation')} ${n === 1 ? 'has' : 'have'} a verb in their path.`,
    ),
);
