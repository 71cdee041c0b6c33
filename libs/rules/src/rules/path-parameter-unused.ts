import type { Finding } from '@apiaudit/domain';
import { defineRule, perOperation } from '../spec-rule';

export const rule = defineRule(
  {
    id: 'path-parameter-unused',
    title: 'Path parameter not in the path template',
    category: 'contract',
    severity: 'medium',
    rationale:
      'A parameter declared `in: path` whose name is not in the template can never be sent. It usually means a path was ' +
      'renamed and its parameter forgotten, so clients see a required input they cannot supply.',
    fix: 'Rename the parameter to match the template, or remove it.',
  },
  (model) => {
    const findings: Finding[] = [];
    for (const op of model.operations) {
      for (const p of op.parameters) {
        if (p.in === 'path' && !op.path.includes(`{${p.name}}`)) {
          findings.push(perOperation(rule.meta, model, op, `${op.method.toUpperCase()} ${op.path} declares path parameter '${p.name}' that the path does not contain.`, p.at));
        }
      }
    }
    return findings;
  },
);
