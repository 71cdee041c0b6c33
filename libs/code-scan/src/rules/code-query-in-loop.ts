import type { Finding, RuleMeta } from '@apiaudit/domain';
import { findingAt, NO_FINDINGS, type CodeRuleContext } from '../code-rule-context';
import { isQueryCall, LOOP_TYPES } from '../code-patterns';
import { nodesOfType } from '../syntax/parse-source';

export const meta: RuleMeta = {
  id: 'code-query-in-loop',
  title: 'Database query inside a loop (N+1)',
  category: 'performance',
  source: 'code',
  severity: 'medium',
  rationale:
    'One query per item of a list is the N+1 pattern: latency and database load grow with the data, and each round trip ' +
    'adds network time. Traces of such endpoints show dozens of near-identical statements per request.',
  fix: 'Fetch all items in one query (WHERE id = ANY($1), IN (...), a join, select_related/prefetch_related, or a DataLoader-style batch) before the loop.',
  target: NO_FINDINGS,
};

export function check(ctx: CodeRuleContext): Finding[] {
  const findings: Finding[] = [];
  for (const file of ctx.files) {
    for (const loop of nodesOfType(file, LOOP_TYPES)) {
      const body = loop.childForFieldName('body');
      if (!body) continue;
      const query = ctx.callsWithin(file, body).find((c) => isQueryCall(file, c));
      // The innermost loop reports it; an outer loop around it adds nothing.
      if (!query || body.descendantsOfType(LOOP_TYPES).some((inner) => ctx.callsWithin(file, inner).some((c) => c.node.id === query.node.id))) continue;
      findings.push(findingAt(meta, ctx, file, loop, `The loop in ${file.path} runs ${query.callee}() once per iteration.`));
    }
  }
  return findings;
}
