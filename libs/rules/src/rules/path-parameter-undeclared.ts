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
  (model) =>
    model.operations.flatMap((op) => {
      const declared = new Set(op.parameters.filter((p) => p.in === 'path').map((p) => p.name));
      const missing = [...op.path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]).filter((name) => !declared.has(name));
      return missing.length
        ? [perOperation(rule.meta, model, op, `${op.method.toUpperCase()} ${op.path} does not declare path parameter(s) ${missing.map((m) => `'${m}'`).join(', ')}.`)]
        : [];
    }),
);
