import { defineRule, grouped, plural } from '../spec-rule';

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
  (model) =>
    grouped(
      rule.meta,
      model,
      model.operations.flatMap((op) =>
        op.parameters.filter((p) => !p.schema && p.value.content === undefined).map((p) => ({ op, at: p.at, note: `${p.in} ${p.name}` })),
      ),
      (n) => `${plural(n, 'parameter')} ${n === 1 ? 'has' : 'have'} no schema.`,
    ),
);
