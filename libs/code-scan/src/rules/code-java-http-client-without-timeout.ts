import type { Finding, RuleMeta } from '@apiaudit/domain';
import { findingAt, NO_FINDINGS, type CodeRuleContext } from '../code-rule-context';

export const meta: RuleMeta = {
  id: 'code-java-http-client-without-timeout',
  title: 'Java HTTP client without a timeout (RestTemplate, WebClient, HttpClient)',
  category: 'resilience',
  source: 'code',
  severity: 'medium',
  rationale:
    '`new RestTemplate()` and a default `WebClient` or `HttpClient` have no read timeout: one hung dependency ties up ' +
    'servlet threads (or event-loop connections) until the service stops answering too.',
  fix: 'Build clients with timeouts: RestTemplateBuilder.setConnectTimeout/setReadTimeout, WebClient over an HttpClient with responseTimeout, HttpClient.newBuilder().connectTimeout with HttpRequest.timeout.',
  target: NO_FINDINGS,
};

export function check(ctx: CodeRuleContext): Finding[] {
  const findings: Finding[] = [];
  for (const file of ctx.files.filter((f) => f.language === 'java' && /RestTemplate|WebClient|HttpClient/.test(f.text))) {
    const configuresTimeout = /[tT]imeout\s*\(/.test(file.text);
    for (const call of ctx.calls(file)) {
      const isDefault =
        (call.callee === 'new RestTemplate' && call.args.length === 0) ||
        (/^(WebClient\.(create|builder)|HttpClient\.newHttpClient)$/.test(call.callee) && !configuresTimeout);
      if (isDefault) findings.push(findingAt(meta, ctx, file, call.node, `${call.callee}() in ${file.path} builds a client without timeouts.`));
    }
  }
  return findings;
}
