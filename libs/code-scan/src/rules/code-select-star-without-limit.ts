import type { Finding, RuleMeta } from '@apiaudit/domain';
import { findingAt, NO_FINDINGS, type CodeRuleContext } from '../code-rule-context';
import { rawString } from '../code-patterns';
import { nodesOfType } from '../syntax/parse-source';

export const meta: RuleMeta = {
  id: 'code-select-star-without-limit',
  title: 'SELECT * without a LIMIT',
  category: 'performance',
  source: 'code',
  severity: 'low',
  rationale:
    'SELECT * reads every column (large text and blobs included) and, without a LIMIT or a key lookup, every row; ' +
    'the response grows with the table and a new column leaks into the API the day it is added.',
  fix: 'Name the columns the response needs and bound the rows (LIMIT with a cursor, or a lookup by primary key).',
  target: NO_FINDINGS,
};

const SELECT_STAR = /\bselect\s+(\w+\.)?\*\s+from\b/i;
const BOUNDED = /\blimit\b|\btop\s*\(?\d|\bfetch\s+first\b|\bwhere\s+(\w+\.)?id\s*=|\bcount\s*\(/i;
const STRING_TYPES = ['string', 'template_string', 'string_literal', 'interpreted_string_literal', 'raw_string_literal'];

export function check(ctx: CodeRuleContext): Finding[] {
  const findings: Finding[] = [];
  for (const file of ctx.files) {
    if (!/select\s/i.test(file.text)) continue;
    for (const node of nodesOfType(file, STRING_TYPES)) {
      const sql = rawString(node);
      if (!sql || !SELECT_STAR.test(sql) || BOUNDED.test(sql)) continue;
      findings.push(findingAt(meta, ctx, file, node, `${file.path} runs \`${sql.replace(/\s+/g, ' ').slice(0, 80)}\` with neither column list nor row bound.`));
    }
  }
  return findings;
}
