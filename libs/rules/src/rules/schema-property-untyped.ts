import { componentSchemaNodes } from '../schema-walk';
import { defineRule, grouped, plural, type Hit } from '../spec-rule';

const TYPING_KEYS = ['type', '$ref', 'allOf', 'oneOf', 'anyOf', 'not', 'enum', 'const', 'items', 'properties'];

export const rule = defineRule(
  {
    id: 'schema-property-untyped',
    title: 'Schema property has no type',
    category: 'contract',
    severity: 'low',
    rationale:
      'A property without `type` (or a reference, enum or composition) accepts anything. Generated clients type it as ' +
      '`any`, and the server\'s real type becomes an undocumented part of the contract.',
    fix: 'Give every property a type, or reference a schema that has one.',
  },
  (model) => {
    const hits: Hit[] = [];
    for (const { schema, where, property } of componentSchemaNodes(model)) {
      if (property && !hasTypingKey(schema)) hits.push({ at: where, note: property });
    }
    return grouped(rule.meta, model, hits, (n) => `${plural(n, 'schema property', 'schema properties')} ${n === 1 ? 'has' : 'have'} no type.`);
  },
);

/** `TYPING_KEYS.some((k) => k in schema)`, without a callback per key (it runs for every component property). */
function hasTypingKey(schema: object): boolean {
  for (let i = 0; i < TYPING_KEYS.length; i++) if (TYPING_KEYS[i] in schema) return true;
  return false;
}
