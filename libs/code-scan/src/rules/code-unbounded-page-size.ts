import type { Finding, RuleMeta } from '@apiaudit/domain';
import { findingAt, NO_FINDINGS, type CodeRuleContext } from '../code-rule-context';
import { nodesOfType } from '../syntax/parse-source';

export const meta: RuleMeta = {
  id: 'code-unbounded-page-size',
  title: 'List handler defaults to a huge page or none',
  category: 'performance',
  source: 'code',
  severity: 'medium',
  rationale:
    "A list handler whose default page size is in the thousands (or that takes the client's limit unchecked) returns " +
    'whole tables: memory, latency and egress grow with the data (OWASP API4:2023).',
  fix: 'Default to a small page (20-100), clamp client-supplied limits to a maximum, and page with cursors.',
  owasp: 'API4:2023',
  target: NO_FINDINGS,
};

const PAGE = /\b(limit|page_?size|pageSize|per_?page|perPage|take|top|size)\b/i;

/** `limit ?? 1000`, `limit || 5000`, `limit: int = 1000`, `request.args.get('limit', 1000)`. */
export function check(ctx: CodeRuleContext): Finding[] {
  const findings: Finding[] = [];
  for (const file of ctx.files) {
    for (const node of nodesOfType(file, ['binary_expression', 'default_parameter', 'typed_default_parameter', 'call'])) {
      let name: string | undefined;
      let value: string | undefined;
      if (node.type === 'binary_expression') {
        const op = node.childForFieldName('operator')?.text;
        if (op !== '??' && op !== '||') continue;
        name = node.childForFieldName('left')?.text;
        value = node.childForFieldName('right')?.text;
      } else if (node.type === 'call') {
        const fn = node.childForFieldName('function')?.text ?? '';
        const args = node.childForFieldName('arguments')?.namedChildren ?? [];
        if (!/\.get$/.test(fn) || args.length !== 2) continue;
        name = args[0].text;
        value = args[1].text;
      } else {
        name = node.childForFieldName('name')?.text;
        value = node.childForFieldName('value')?.text;
      }
      if (!name || !value || !PAGE.test(name) || !/^\d+$/.test(value) || Number(value) < 1000) continue;
      findings.push(findingAt(meta, ctx, file, node, `${file.path} defaults ${name.replace(/^.*\./, '').replace(/['"]/g, '')} to ${value}.`));
    }
  }
  return findings;
}
