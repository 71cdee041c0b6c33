import type { Finding, RuleMeta } from '@apiaudit/domain';
import { findingAt, NO_FINDINGS, type CodeRuleContext } from '../code-rule-context';
import { nodesOfType } from '../syntax/parse-source';

export const meta: RuleMeta = {
  id: 'code-python-blocking-call-in-async',
  title: 'Blocking call inside an async Python function',
  category: 'performance',
  source: 'code',
  severity: 'medium',
  rationale:
    'An async handler shares one event loop with every other request. time.sleep, requests, urlopen, subprocess and ' +
    'synchronous password hashing inside it block that loop: throughput falls to one request at a time.',
  fix: 'Await the async equivalent (asyncio.sleep, httpx.AsyncClient, asyncio.create_subprocess_exec) or run the blocking call with run_in_executor / run_in_threadpool, or make the handler a plain def.',
  target: NO_FINDINGS,
};

const BLOCKING = /^(time\.sleep|requests\.\w+|urllib\.request\.urlopen|urlopen|subprocess\.(run|call|check_call|check_output)|bcrypt\.(hashpw|checkpw)|hashlib\.pbkdf2_hmac|os\.system)$/;

export function check(ctx: CodeRuleContext): Finding[] {
  const findings: Finding[] = [];
  for (const file of ctx.files.filter((f) => f.language === 'python' && f.text.includes('async def'))) {
    for (const fn of nodesOfType(file, 'function_definition')) {
      if (!fn.children.some((c) => c.type === 'async')) continue;
      for (const call of ctx.callsWithin(file, fn.childForFieldName('body')!)) {
        if (!BLOCKING.test(call.callee)) continue;
        // A nested plain def is run elsewhere (an executor); only calls owned by this coroutine count.
        let owner = call.node.parent;
        while (owner && owner.type !== 'function_definition') owner = owner.parent;
        if (owner?.id !== fn.id) continue;
        findings.push(findingAt(meta, ctx, file, call.node, `${call.callee}() blocks the event loop inside async ${fn.childForFieldName('name')?.text}() in ${file.path}.`));
      }
    }
  }
  return findings;
}
