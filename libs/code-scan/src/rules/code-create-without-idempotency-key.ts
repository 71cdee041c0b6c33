import type { Finding, RuleMeta } from '@apiaudit/domain';
import { findingAt, NO_FINDINGS, type CodeRuleContext } from '../code-rule-context';
import type { CodeEndpoint } from '../routes/route-graph';

export const meta: RuleMeta = {
  id: 'code-create-without-idempotency-key',
  title: 'POST handler creates records without an idempotency key',
  category: 'idempotency',
  source: 'code',
  severity: 'low',
  rationale:
    'Clients retry POSTs after timeouts and dropped connections. Without an idempotency key the retry creates a ' +
    'second order, payment or account, and the client cannot tell whether the first one went through.',
  fix: 'Accept an `Idempotency-Key` header on creating POSTs, store the key with the result, and answer a repeat with the stored result.',
  target: NO_FINDINGS,
};

const CREATES = /^(create|save|insert|insertOne|insertMany|insert_one|add|persist|Create|bulkCreate|createMany|objects\.create)$/;

export function check(ctx: CodeRuleContext): Finding[] {
  if (ctx.files.some((f) => /idempoten/i.test(f.text))) return [];
  const findings: Finding[] = [];
  // The create may sit in a service the handler calls: every create call, with the endpoints that reach it.
  const creates = new Map<CodeEndpoint, string[]>();
  for (const f of ctx.files) {
    for (const c of ctx.calls(f)) {
      if (!CREATES.test(c.name) || (c.name === 'add' && !/session|db/.test(c.receiver ?? '')) || (c.name === 'create' && !c.receiver)) continue;
      for (const endpoint of ctx.endpointsReaching(c.node)) creates.set(endpoint, [...(creates.get(endpoint) ?? []), c.callee]);
    }
  }
  for (const endpoint of ctx.endpoints.filter((e) => e.method === 'POST')) {
    const handler = ctx.handlerOf(endpoint);
    const file = ctx.file(endpoint.file);
    if (!handler || !file) continue;
    const created = creates.get(endpoint) ?? [];
    const insertSql = /\binsert\s+into\b/i.test(handler.text);
    if (!created.length && !insertSql) continue;
    findings.push(findingAt(meta, ctx, file, handler.childForFieldName('name') ?? handler, `${endpoint.method} ${endpoint.path} creates (${created[0] ?? 'INSERT'}) with no idempotency key, so a retried request creates twice.`, { endpoint: { method: endpoint.method, path: endpoint.path } }));
  }
  return findings;
}
