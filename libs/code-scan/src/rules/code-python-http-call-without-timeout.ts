import type { Finding, RuleMeta } from '@apiaudit/domain';
import { findingAt, NO_FINDINGS, type CallSite, type CodeRuleContext } from '../code-rule-context';
import type { SyntaxNode } from '../syntax/parse-source';

export const meta: RuleMeta = {
  id: 'code-python-http-call-without-timeout',
  title: 'Python HTTP call without a timeout (requests, urllib, httpx)',
  category: 'resilience',
  source: 'code',
  severity: 'medium',
  rationale:
    'requests and urllib wait forever by default, and httpx does once given `timeout=None`: a dependency that accepts ' +
    'the connection and never answers holds the worker (and, under an async server, the whole event loop thread pool) ' +
    'until the process is restarted.',
  fix:
    'Pass `timeout=(connect, read)` to every requests call (or set it on a Session adapter) and `timeout=` to urlopen. ' +
    'Leave httpx on its default timeout or give it a number; never `timeout=None`.',
  target: NO_FINDINGS,
};

const REQUESTS_CALLS = /^(requests|session|s|http|sess)\.(get|post|put|patch|delete|head|options|request)$|^(urllib\.request\.)?urlopen$/;
// httpx raises after 5 s of network inactivity unless told otherwise (python-httpx.org/advanced/timeouts), so its
// calls and clients are unbounded only when they switch that off.
const HTTPX_CALLS = /^httpx\.(get|post|put|patch|delete|head|options|request|stream|Client|AsyncClient)$/;
const HTTPX_NO_TIMEOUT = 'httpx.Timeout(None)';

function timeoutArgument(call: CallSite): SyntaxNode | undefined {
  const keyword = call.args.find((a) => a.type === 'keyword_argument' && a.childForFieldName('name')?.text === 'timeout');
  return keyword?.childForFieldName('value') ?? undefined;
}

/** `timeout=None` waits forever in requests, urllib and httpx alike; so does an httpx Timeout built from None alone. */
function isTimeoutDisabled(value: SyntaxNode): boolean {
  return value.type === 'none' || value.text.replace(/\s+/g, '') === HTTPX_NO_TIMEOUT;
}

function isRequestsCall(call: CallSite, fileText: string): boolean {
  if (!REQUESTS_CALLS.test(call.callee)) return false;
  return !call.callee.includes('.') || call.callee.startsWith('requests.') || /requests\.Session\(\)/.test(fileText);
}

export function check(ctx: CodeRuleContext): Finding[] {
  const findings: Finding[] = [];
  for (const file of ctx.files.filter((f) => f.language === 'python' && /\b(requests|urlopen|httpx)\b/.test(f.text))) {
    for (const call of ctx.calls(file)) {
      const isHttpx = HTTPX_CALLS.test(call.callee);
      if (!isHttpx && !isRequestsCall(call, file.text)) continue;
      const timeout = timeoutArgument(call);
      if (timeout && isTimeoutDisabled(timeout)) {
        findings.push(findingAt(meta, ctx, file, call.node, `${call.callee}() in ${file.path} sets timeout=${timeout.text}: it waits forever on a silent peer.`));
        continue;
      }
      if (isHttpx || timeout || (call.args.length >= 3 && call.name === 'urlopen')) continue;
      findings.push(findingAt(meta, ctx, file, call.node, `${call.callee}() in ${file.path} has no timeout: it waits forever on a silent peer.`));
    }
  }
  return findings;
}
