import { defineRule, grouped, plural, type Hit } from '../spec-rule';

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
  (model) => {
    // Many operations share a path: each path is judged once.
    const verdicts = new Map<string, boolean>();
    const hits: Hit[] = [];
    for (const op of model.operations) {
      let verb = verdicts.get(op.path);
      if (verb === undefined) verdicts.set(op.path, (verb = op.path.split('/').some((s) => !s.startsWith('{') && VERBS.test(s))));
      if (verb) hits.push({ op, at: op.pathItemAt });
    }
    return grouped(rule.meta, model, hits, (n) => `${plural(n, 'operation')} ${n === 1 ? 'has' : 'have'} a verb in their path.`);
  },
);
