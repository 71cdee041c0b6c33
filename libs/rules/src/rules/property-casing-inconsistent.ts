import { createFinding } from '@apiaudit/domain';
import { refOf, type Place } from '../lazy-place';
import { componentSchemaNodes } from '../schema-walk';
import { defineRule, specEvidence } from '../spec-rule';

export const rule = defineRule(
  {
    id: 'property-casing-inconsistent',
    title: 'Property names mix camelCase and snake_case',
    category: 'naming',
    severity: 'low',
    rationale:
      'When some payloads say `unitPrice` and others `unit_price`, clients need per-field mapping code and generated models ' +
      'look inconsistent. One casing across the API is cheaper for every consumer.',
    fix: 'Choose one property casing for the whole API and apply it to new fields; plan renames of old ones with the versioning policy.',
  },
  (model) => {
    const examples: Record<'camel' | 'snake', Array<{ name: string; where: Place }>> = { camel: [], snake: [] };
    for (const { property, where } of componentSchemaNodes(model)) {
      if (!property) continue;
      if (/^[a-z]+(_[a-z0-9]+)+$/.test(property)) examples.snake.push({ name: property, where });
      else if (/^[a-z]+([A-Z][a-z0-9]*)+$/.test(property)) examples.camel.push({ name: property, where });
    }
    const { camel, snake } = examples;
    if (camel.length === 0 || snake.length === 0) return [];
    const [dominant, minority] = camel.length >= snake.length ? ['camelCase', snake] : ['snake_case', camel];
    return [
      createFinding(rule.meta, {
        message: `Properties are mostly ${dominant} (${Math.max(camel.length, snake.length)}) but ${minority.length} use the other style, e.g. ${minority.slice(0, 3).map((m) => `'${m.name}'`).join(', ')}.`,
        evidence: minority.slice(0, 5).map((m) => specEvidence(model, refOf(m.where), m.name)),
        subject: 'api',
      }),
    ];
  },
);
