import { defineRule, perOperation } from '../spec-rule';

export const rule = defineRule(
  {
    id: 'deprecated-operation-missing-sunset',
    title: 'Deprecated operation without sunset date or replacement',
    category: 'versioning',
    severity: 'low',
    rationale:
      '`deprecated: true` alone tells clients to move but not by when or to what. Without a sunset date (RFC 8594 `Sunset` ' +
      'header or `x-sunset`) and a named replacement, nobody migrates until the removal breaks them.',
    fix: 'Add `x-sunset` (a date) and describe the replacement; send the `Sunset` and `Deprecation` headers in responses.',
  },
  (model) =>
    model.operations
      .filter((op) => op.deprecated)
      .filter((op) => op.extensions['x-sunset'] === undefined && !op.responses.some((r) => r.headers.some((h) => h.name.toLowerCase() === 'sunset')))
      .map((op) => perOperation(rule.meta, model, op, `${op.method.toUpperCase()} ${op.path} is deprecated with no sunset date.`, { file: op.at.file, pointer: `${op.at.pointer}/deprecated` })),
);
