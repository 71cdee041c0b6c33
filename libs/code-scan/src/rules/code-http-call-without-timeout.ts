import type { Finding, RuleMeta } from '@apiaudit/domain';
import { findingAt, NO_FINDINGS, type CodeRuleContext } from '../code-rule-context';
import { isJs, remoteCallsIn } from '../code-patterns';

export const meta: RuleMeta = {
  id: 'code-http-call-without-timeout',
  title: 'Outbound HTTP call without a timeout',
  category: 'resilience',
  source: 'code',
  severity: 'medium',
  rationale:
    'A call with no timeout waits as long as the other side does. When a dependency hangs, requests pile up holding ' +
    'sockets, memory and worker slots until the caller falls over too: one slow service becomes an outage.',
  fix: 'Give every outbound call a deadline (fetch with `signal: AbortSignal.timeout(ms)`, axios or got `timeout`), shorter than your own SLO.',
  target: NO_FINDINGS,
};

/** JavaScript and TypeScript: fetch, axios, got, ky, superagent and node:http calls with no timeout or abort signal. */
export function check(ctx: CodeRuleContext): Finding[] {
  const findings: Finding[] = [];
  const axiosDefault = ctx.files.some((f) => /axios\.defaults\.timeout|axios\.create\(\s*\{[^}]*timeout/.test(f.text));
  for (const file of ctx.files.filter(isJs)) {
    for (const call of remoteCallsIn(file, file.root, ctx.calls(file))) {
      if (call.args.some((a) => /\b(signal|timeout)\b/.test(a.text))) continue;
      if (axiosDefault && call.callee.startsWith('axios')) continue;
      findings.push(findingAt(meta, ctx, file, call.node, `${call.callee}() in ${file.path} has no timeout or abort signal.`));
    }
  }
  return findings;
}
