import { defineRule, grouped, plural } from '../spec-rule';

export const rule = defineRule(
  {
    id: 'schema-missing-required',
    title: 'Object schema lists no required properties',
    category: 'contract',
    severity: 'low',
    rationale:
      'When a schema declares properties but none as required, every field is optional by contract: clients must null-check ' +
      'everything, generated types are all optional, and the server may drop any field without breaking the contract.',
    fix: 'List the properties that are always present (responses) or must be sent (requests) under `required`.',
  },
  (model) =>
    grouped(
      rule.meta,
      model,
      model.schemas
        .filter(({ value }) => value.properties && typeof value.properties === 'object' && Object.keys(value.properties).length > 0)
        .filter(({ value }) => !Array.isArray(value.required) || value.required.length === 0)
        .filter(({ value }) => !value.allOf && !value.oneOf && !value.anyOf)
        .map(({ name, at }) => ({ at, note: name })),
      (n) => `${plural(n, 'component schema')} ${n === 1 ? 'declares' : 'declare'} properties but none as required.`,
    ),
);
