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
        .filter(({ value }) => value.properties && typeof value.properties === 'object' && hasOwnKey(value.properties) && (!Array.isArray(value.required) || value.required.length === 0) && !value.allOf && !value.oneOf && !value.anyOf)
        .map(({ name, at }) => ({ at, note: name })),
      (n) => `${plural(n, 'component schema')} ${n === 1 ? 'declares' : 'declare'} properties but none as required.`,
    ),
);

/** `Object.keys(value).length > 0` without building the key list. */
function hasOwnKey(value: object): boolean {
  for (const key in value) if (Object.prototype.hasOwnProperty.call(value, key)) return true;
  return false;
}
