import type { Finding, RuleMeta } from '@apiaudit/domain';
import { findingAt, NO_FINDINGS, type CodeRuleContext } from '../code-rule-context';
import { remoteCallsIn } from '../code-patterns';

export const meta: RuleMeta = {
  id: 'code-remote-call-without-circuit-breaker',
  title: 'Request path calls a remote service with no circuit breaker or bulkhead',
  category: 'resilience',
  source: 'code',
  severity: 'low',
  rationale:
    'Without a breaker, every request keeps calling a dependency that is down, waiting for each timeout in turn; ' +
    'the failing service drags the healthy one down and recovers more slowly under the retry load.',
  fix: 'Wrap calls to each remote dependency in a circuit breaker with a bulkhead (opossum or cockatiel in Node, resilience4j in Java, pybreaker in Python, gobreaker in Go) and a fallback answer.',
  target: NO_FINDINGS,
};

const BREAKERS = /opossum|cockatiel|brakes|resilience4j|@CircuitBreaker|pybreaker|circuitbreaker|aiobreaker|gobreaker|hystrix|failsafe|Polly|CircuitBreaker\(/;

/** One finding per file whose remote calls a handler reaches, when the repository uses no breaker at all. */
export function check(ctx: CodeRuleContext): Finding[] {
  if (ctx.files.some((f) => BREAKERS.test(f.text))) return [];
  const findings: Finding[] = [];
  for (const file of ctx.files) {
    const reached = remoteCallsIn(file, file.root, ctx.calls(file)).filter((c) => ctx.reachOf(c.node));
    if (!reached.length) continue;
    findings.push(findingAt(meta, ctx, file, reached[0].node, `${reached.length} remote call(s) in ${file.path}, starting with ${reached[0].callee}(), have no circuit breaker.`));
  }
  return findings;
}
