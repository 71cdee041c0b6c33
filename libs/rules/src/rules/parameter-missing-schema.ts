import { defineRule, grouped, plural, type Hit } from '../spec-rule';

export const rule = defineRule(
  {
    id: 'parameter-missing-schema',
    title: 'Parameter has no schema',
    category: 'contract',
    severity: 'medium',
    rationale:
      'A parameter without a schema (or `content`) has no type: clients send strings of any shape and the server cannot ' +
      'validate at the edge. Generated SDKs type it as `any`.',
    fix: 'Give every parameter a schema with a type (and format, enum or pattern where it applies).',
  },
  (model) => {
    const hits: Hit[] = [];
    for (const op of model.operations) {
      for (const p of op.parameters) if (!p.schema && p.value.content === undefined) hits.push({ op, at: p.at, note: () => `${p.in} ${p.name}` });
    }
    return grouped(rule.meta, model, hits, (n) => `${plural(n, 'parameter')} ${n === 1 ? 'has' : 'have'} no schema.`);
  },
);
