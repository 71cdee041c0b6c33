import type { Finding } from '@apiaudit/domain';
import { defineRule, perOperation } from '../spec-rule';

export const rule = defineRule(
  {
    id: 'path-parameter-undeclared',
    title: 'Path template variable has no parameter',
    category: 'contract',
    severity: 'high',
    rationale:
      'Every `{name}` in a path must be declared as a required path parameter. Otherwise the document is invalid, code ' +
      'generators fail or emit a method that cannot fill in the URL.',
    fix: 'Declare the parameter (in: path, required: true, with a schema) on the path item or the operation.',
  },
  (model) => {
    const findings: Finding[] = [];
    for (const op of model.operations) {
      if (!op.path.includes('{')) continue; // no template, nothing to declare
      const declared = new Set<string>();
      for (const p of op.parameters) if (p.in === 'path') declared.add(p.name);
      const missing: string[] = [];
      for (const m of op.path.matchAll(/\{([^}]+)\}/g)) if (!declared.has(m[1])) missing.push(m[1]);
      if (missing.length) {
        findings.push(perOperation(rule.meta, model, op, `${op.method.toUpperCase()} ${op.path} does not declare path parameter(s) ${missing.map((m) => `'${m}'`).join(', ')}.`));
      }
    }
    return findings;
  },
);
