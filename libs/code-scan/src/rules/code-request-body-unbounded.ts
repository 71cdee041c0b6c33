import type { Finding, RuleMeta } from '@apiaudit/domain';
import { findingAt, NO_FINDINGS, type CodeRuleContext } from '../code-rule-context';
import { isJs } from '../code-patterns';
import { nodesOfType } from '../syntax/parse-source';

export const meta: RuleMeta = {
  id: 'code-request-body-unbounded',
  title: 'Request bodies read without a size limit',
  category: 'security',
  source: 'code',
  severity: 'medium',
  rationale:
    'A server that reads whatever body it is sent can be made to buffer gigabytes: one client exhausts memory for ' +
    'everyone (OWASP API4:2023). Go net/http, gin and Flask have no limit by default; body parsers configured with ' +
    'huge limits remove the one they had.',
  fix: 'Cap bodies where they are read: http.MaxBytesReader in Go, MAX_CONTENT_LENGTH in Flask, a limit of a few hundred KB to a few MB on express.json/bodyLimit.',
  owasp: 'API4:2023',
  target: NO_FINDINGS,
};

const UNITS: Record<string, number> = { b: 1, kb: 1024, mb: 1024 ** 2, gb: 1024 ** 3 };
const MAX_BYTES = 10 * 1024 ** 2;

function bytes(text: string): number | undefined {
  const match = /^['"`]?\s*(\d+(?:\.\d+)?)\s*(b|kb|mb|gb)?\s*['"`]?$/i.exec(text.replace(/_/g, ''));
  if (match) return Number(match[1]) * UNITS[(match[2] ?? 'b').toLowerCase()];
  const product = text.split('*').map((p) => Number(p.trim()));
  return product.every((n) => Number.isFinite(n)) ? product.reduce((a, b) => a * b, 1) : undefined;
}

export function check(ctx: CodeRuleContext): Finding[] {
  const findings: Finding[] = [];
  const goLimited = ctx.files.some((f) => f.language === 'go' && /MaxBytesReader|BodyLimit|LimitReader/.test(f.text));
  const flaskLimited = ctx.files.some((f) => /MAX_CONTENT_LENGTH/.test(f.text));
  for (const file of ctx.files) {
    if (isJs(file)) {
      for (const pair of nodesOfType(file, 'pair')) {
        const key = pair.childForFieldName('key')?.text.replace(/['"]/g, '');
        const value = pair.childForFieldName('value')?.text ?? '';
        if (key !== 'limit' && key !== 'bodyLimit') continue;
        if (key === 'limit' && !/json|urlencoded|raw|text|bodyParser/.test(pair.parent?.parent?.parent?.text ?? '')) continue;
        const size = bytes(value);
        if (size !== undefined && size > MAX_BYTES) findings.push(findingAt(meta, ctx, file, pair, `${file.path} accepts request bodies of ${value.replace(/['"`]/g, '')}.`));
      }
    } else if (file.language === 'go' && !goLimited) {
      for (const call of ctx.calls(file)) {
        const readsBody = (/^(io|ioutil)\.ReadAll$|^json\.NewDecoder$/.test(call.callee) && /\.Body$/.test(call.args[0]?.text ?? '')) || /^(c|ctx|gc|context)\.(ShouldBindJSON|BindJSON|ShouldBind|Bind|ShouldBindWith|BindWith)$/.test(call.callee);
        if (readsBody) findings.push(findingAt(meta, ctx, file, call.node, `${call.callee}() in ${file.path} reads the request body with no size limit.`));
      }
    } else if (file.language === 'python' && !flaskLimited && /\bfrom flask\b|\bimport flask\b/.test(file.text)) {
      const first = nodesOfType(file, ['attribute', 'call']).find((n) => /^request\.(get_json|json|data|get_data)$/.test(n.type === 'call' ? (n.childForFieldName('function')?.text ?? '') : n.text));
      if (first) findings.push(findingAt(meta, ctx, file, first, `${file.path} reads request bodies while the Flask app sets no MAX_CONTENT_LENGTH.`));
    }
  }
  return findings;
}
