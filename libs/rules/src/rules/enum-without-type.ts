import { componentSchemaNodes } from '../schema-walk';
import { defineRule, grouped, plural, type Hit } from '../spec-rule';

export const rule = defineRule(
  {
    id: 'enum-without-type',
    title: 'Enum without a type',
    category: 'contract',
    severity: 'low',
    rationale:
      'An `enum` without `type` leaves generators guessing whether `1` and `"1"` are the same value; typed languages get ' +
      'an untyped union and validation becomes ambiguous.',
    fix: 'Add `type` next to every `enum`.',
  },
  (model) => {
    const hits: Hit[] = [];
    for (const { schema, where, property } of componentSchemaNodes(model)) {
      if (Array.isArray(schema.enum) && schema.type === undefined && schema.const === undefined) hits.push(property ? { at: where, note: property } : { at: where });
    }
    return grouped(rule.meta, model, hits, (n) => `${plural(n, 'enum')} ${n === 1 ? 'declares' : 'declare'} no type.`);
  },
);
