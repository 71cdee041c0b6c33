import type { Finding, RuleMeta } from '@apiaudit/domain';
import { findingAt, NO_FINDINGS, type CodeRuleContext } from '../code-rule-context';
import { isRetryLoop, LOOP_TYPES, remoteCallsIn } from '../code-patterns';
import { nodesOfType } from '../syntax/parse-source';

export const meta: RuleMeta = {
  id: 'code-retry-without-backoff',
  title: 'Retry loop without backoff',
  category: 'resilience',
  source: 'code',
  severity: 'medium',
  rationale:
    'Retrying at once, in a tight loop, multiplies load on a dependency exactly when it is struggling: a brief error ' +
    'spike turns into a retry storm. Backoff with jitter spreads retries out and lets the dependency recover.',
  fix: 'Wait between attempts with exponential backoff and jitter, cap the attempts, and retry only idempotent calls.',
  target: NO_FINDINGS,
};

const WAIT = /setTimeout|sleep|[dD]elay|backoff|[bB]ackOff|wait\(|retryDelay|time\.Sleep|Thread\.sleep|asyncio\.sleep/;

export function check(ctx: CodeRuleContext): Finding[] {
  const findings: Finding[] = [];
  for (const file of ctx.files) {
    for (const loop of nodesOfType(file, LOOP_TYPES)) {
      const body = loop.childForFieldName('body') ?? loop;
      if (!isRetryLoop(loop) || WAIT.test(body.text)) continue;
      const calls = remoteCallsIn(file, body, ctx.callsWithin(file, body));
      if (!calls.length) continue;
      findings.push(findingAt(meta, ctx, file, loop, `The loop in ${file.path} retries ${calls[0].callee}() without waiting between attempts.`));
    }
  }
  return findings;
}
