import { requestSchemaHits } from '../schema-walk';
import { defineRule, grouped, plural } from '../spec-rule';

export const rule = defineRule(
  {
    id: 'string-without-max-length',
    title: 'Request string has no maxLength',
    category: 'security',
    severity: 'low',
    rationale:
      'An unbounded string in a request lets a client send megabytes into a name field: memory, storage and log volume ' +
      'grow at the attacker\'s will (OWASP API4:2023). A stated limit is also what the database column needs.',
    fix: 'Declare `maxLength` (or an `enum`, `format` or `pattern` that bounds it) on request strings.',
    owasp: 'API4:2023',
  },
  (model) =>
    grouped(
      rule.meta,
      model,
      requestSchemaHits(model, (schema) => schema.type === 'string' && schema.maxLength === undefined && schema.enum === undefined && schema.format === undefined && schema.pattern === undefined && schema.const === undefined),
      (n) => `${plural(n, 'request string')} ${n === 1 ? 'has' : 'have'} no maximum length.`,
    ),
);
