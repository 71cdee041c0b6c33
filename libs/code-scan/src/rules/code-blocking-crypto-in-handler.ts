import type { Finding, RuleMeta } from '@apiaudit/domain';
import { findingAt, NO_FINDINGS, type CodeRuleContext } from '../code-rule-context';
import { isJs } from '../code-patterns';

export const meta: RuleMeta = {
  id: 'code-blocking-crypto-in-handler',
  title: 'CPU-heavy hashing or compression run synchronously in a request handler',
  category: 'performance',
  source: 'code',
  severity: 'medium',
  rationale:
    'Password hashing and compression are meant to cost tens to hundreds of milliseconds of CPU. Run synchronously on ' +
    'the request path they stall the event loop for every other client, and a few concurrent logins stop the service.',
  fix: 'Use the asynchronous variants (crypto.pbkdf2/scrypt with callbacks, bcrypt.hash, zlib streams), which run on the thread pool, or move the work to a worker.',
  target: NO_FINDINGS,
};

const HEAVY = /^(pbkdf2Sync|scryptSync|hashSync|compareSync|genSaltSync|generateKeyPairSync|gzipSync|gunzipSync|deflateSync|inflateSync|brotliCompressSync|brotliDecompressSync)$/;

export function check(ctx: CodeRuleContext): Finding[] {
  const findings: Finding[] = [];
  for (const file of ctx.files.filter(isJs)) {
    if (!file.text.includes('Sync(')) continue;
    for (const call of ctx.calls(file)) {
      if (!HEAVY.test(call.name) || !ctx.reachOf(call.node)) continue;
      findings.push(findingAt(meta, ctx, file, call.node, `${call.callee}() in ${file.path} burns CPU on the event loop for each request.`));
    }
  }
  return findings;
}
