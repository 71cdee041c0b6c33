import type { Finding, RuleMeta } from '@apiaudit/domain';
import { findingAt, NO_FINDINGS, type CodeRuleContext } from '../code-rule-context';
import { nodesOfType } from '../syntax/parse-source';

export const meta: RuleMeta = {
  id: 'code-go-http-client-without-timeout',
  title: 'Go HTTP client without a timeout (http.Get, http.DefaultClient, http.Client{})',
  category: 'resilience',
  source: 'code',
  severity: 'medium',
  rationale:
    "Go's default client and a zero `http.Client{}` have no timeout: a peer that stops answering keeps the goroutine, " +
    'its connection and its memory forever, and a traffic spike turns into a goroutine leak.',
  fix: 'Build one `&http.Client{Timeout: 5 * time.Second}` (or use a context with a deadline on each request) and use it instead of http.Get and http.DefaultClient.',
  target: NO_FINDINGS,
};

export function check(ctx: CodeRuleContext): Finding[] {
  const findings: Finding[] = [];
  for (const file of ctx.files.filter((f) => f.language === 'go' && f.text.includes('net/http'))) {
    for (const call of ctx.calls(file)) {
      if (/^http\.(Get|Post|Head|PostForm)$/.test(call.callee) || /^http\.DefaultClient\.(Do|Get|Post|Head)$/.test(call.callee)) {
        findings.push(findingAt(meta, ctx, file, call.node, `${call.callee} in ${file.path} uses the default client, which never times out.`));
      }
    }
    for (const literal of nodesOfType(file, 'composite_literal')) {
      if (literal.childForFieldName('type')?.text !== 'http.Client') continue;
      const fields = literal.childForFieldName('body')?.namedChildren.map((e) => e.namedChildren[0]?.text) ?? [];
      if (!fields.includes('Timeout')) findings.push(findingAt(meta, ctx, file, literal, `http.Client in ${file.path} is built without a Timeout.`));
    }
  }
  return findings;
}
