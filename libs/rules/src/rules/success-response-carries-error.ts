import { defineRule, perOperation } from '../spec-rule';

export const rule = defineRule(
  {
    id: 'success-response-carries-error',
    title: '2xx response has an error shape',
    category: 'errors',
    severity: 'medium',
    rationale:
      'A success status whose body carries `error`, `errors` or `success: false` means failures travel as 200 OK: caches store ' +
      'them, monitoring counts them as successes and clients must parse every body to learn whether the call worked.',
    fix: 'Signal failure with a 4xx/5xx status and an error body; keep 2xx bodies for results.',
  },
  (model) =>
    model.operations.flatMap((op) =>
      op.responses
        .filter((r) => /^2/.test(r.status))
        .flatMap((r) => r.content.filter((c) => c.schema).map((c) => ({ r, c })))
        .filter(({ c }) => {
          const props = c.schema!.value.properties;
          if (!props || typeof props !== 'object' || Array.isArray(props)) return false;
          const names = Object.keys(props);
          return names.includes('error') || names.includes('errors') || names.includes('ok') || names.includes('success');
        })
        .slice(0, 1)
        .map(({ r, c }) => perOperation(rule.meta, model, op, `${op.method.toUpperCase()} ${op.path} ${r.status} has error fields in its success body.`, c.schema!.at)),
    ),
);
