import type { Finding, RuleMeta } from '@apiaudit/domain';
import { findingAt, NO_FINDINGS, type CodeRuleContext } from '../code-rule-context';

export const meta: RuleMeta = {
  id: 'code-python-http-call-without-timeout',
  title: 'Python HTTP call without a timeout (requests, urllib)',
  category: 'resilience',
  source: 'code',
  severity: 'medium',
  rationale:
    'requests and urllib wait forever by default: a dependency that accepts the connection and never answers holds ' +
    'the worker (and, under an async server, the whole event loop thread pool) until the process is restarted.',
  fix: 'Pass `timeout=(connect, read)` to every requests call (or set it on a Session adapter) and `timeout=` to urlopen.',
  target: NO_FINDINGS,
};

const CALLS = /^(requests|session|s|http|sess)\.(get|post|put|patch|delete|head|options|request)$|^(urllib\.request\.)?urlopen$/;

export function check(ctx: CodeRuleContext): Finding[] {
  const findings: Finding[] = [];
  for (const file of ctx.files.filter((f) => f.language === 'python' && /\b(requests|urlopen)\b/.test(f.text))) {
    for (const call of ctx.calls(file)) {
      if (!CALLS.test(call.callee)) continue;
      if (call.callee.includes('.') && !call.callee.startsWith('requests.') && !/requests\.Session\(\)/.test(file.text)) continue;
      if (call.args.some((a) => a.type === 'keyword_argument' && a.childForFieldName('name')?.text === 'timeout') || call.args.length >= 3 && call.name === 'urlopen') continue;
      findings.push(findingAt(meta, ctx, file, call.node, `${call.callee}() in ${file.path} has no timeout: it waits forever on a silent peer.`));
    }
  }
  return findings;
}
