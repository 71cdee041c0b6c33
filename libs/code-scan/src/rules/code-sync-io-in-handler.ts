import type { Finding, RuleMeta } from '@apiaudit/domain';
import { findingAt, NO_FINDINGS, type CodeRuleContext } from '../code-rule-context';
import { isJs } from '../code-patterns';

export const meta: RuleMeta = {
  id: 'code-sync-io-in-handler',
  title: 'Synchronous file or process I/O in a request handler',
  category: 'performance',
  source: 'code',
  severity: 'medium',
  rationale:
    'Node serves every request on one thread: a readFileSync or execSync on the request path stops all other requests ' +
    'for as long as the disk or the child process takes, so one slow call shows up as latency everywhere.',
  fix: 'Use the asynchronous API (fs/promises, execFile with a callback or promise), or read the file once at start-up.',
  target: NO_FINDINGS,
};

const SYNC = /^(readFileSync|writeFileSync|appendFileSync|readdirSync|statSync|lstatSync|copyFileSync|mkdirSync|rmSync|unlinkSync|renameSync|execSync|execFileSync|spawnSync|accessSync)$/;

/** Only where a handler reaches the call: start-up code may block, the request path may not. */
export function check(ctx: CodeRuleContext): Finding[] {
  const findings: Finding[] = [];
  for (const file of ctx.files.filter(isJs)) {
    if (!file.text.includes('Sync(')) continue;
    for (const call of ctx.calls(file)) {
      if (!SYNC.test(call.name) || !ctx.reachOf(call.node)) continue;
      findings.push(findingAt(meta, ctx, file, call.node, `${call.callee}() in ${file.path} blocks the event loop on the request path.`));
    }
  }
  return findings;
}
