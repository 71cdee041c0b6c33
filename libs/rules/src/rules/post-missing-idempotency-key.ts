import { defineRule, grouped, plural } from '../spec-rule';

export const rule = defineRule(
  {
    id: 'post-missing-idempotency-key',
    title: 'Creating POST has no idempotency support',
    category: 'idempotency',
    severity: 'medium',
    rationale:
      'Networks fail after the server acted but before the client heard back. Without an idempotency key the client cannot ' +
      'retry a POST safely: it either gives up or risks a duplicate order, payment or message.',
    fix:
      'Accept an `Idempotency-Key` request header on creating POSTs, store the first response per key and replay it on retries. ' +
      'Where replaying a stored answer would be wrong (a sign-in that returns a session), record the decision with ' +
      '`x-idempotency-key: false` on the operation.',
  },
  (model) =>
    grouped(
      rule.meta,
      model,
      model.operations
        .filter((op) => op.method === 'post' && op.requestBody && op.extensions['x-idempotency-key'] !== false)
        .filter((op) => !op.parameters.some((p) => p.in === 'header' && /^(idempotency-key|x-idempotency-key|x-request-id)$/i.test(p.name)))
        .map((op) => ({ op, at: op.at })),
      (n) => `${plural(n, 'POST operation')} ${n === 1 ? 'accepts' : 'accept'} a body but no Idempotency-Key header.`,
    ),
);
