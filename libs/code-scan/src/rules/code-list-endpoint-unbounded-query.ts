import type { Finding, RuleMeta } from '@apiaudit/domain';
import { findingAt, NO_FINDINGS, type CallSite, type CodeRuleContext } from '../code-rule-context';

export const meta: RuleMeta = {
  id: 'code-list-endpoint-unbounded-query',
  title: 'List endpoint loads a whole table (find/findAll/all without a limit)',
  category: 'performance',
  source: 'code',
  severity: 'medium',
  rationale:
    'A collection endpoint that reads every row grows with the table: fine with ten rows in development, seconds and ' +
    'hundreds of megabytes in production, and an easy denial of service (OWASP API4:2023).',
  fix: 'Page in the query (take/limit with a cursor or offset, Pageable, [:n] slicing) and cap the page size.',
  owasp: 'API4:2023',
  target: NO_FINDINGS,
};

const UNBOUNDED = /^(find|findAll|findMany|find_all|getMany|all|Find|findAndCount)$/;
const BOUNDED = /\b(take|limit|skip|offset|paginate|page|pageable|PageRequest|first|top|Limit|slice)\b/i;

function isUnbounded(call: CallSite): boolean {
  // A call into the application's own service layer is followed to the query itself.
  if (!UNBOUNDED.test(call.name) || /service/i.test(call.receiver ?? '')) return false;
  if (call.name === 'all' && !/objects|query|select|filter/.test(call.receiver ?? '')) return false;
  if (call.name === 'find' && (call.receiver ?? '').match(/^(\w+|\[.*\])$/) && !/repo|repository|model|collection|db|Entity/i.test(call.receiver ?? '')) return false;
  // The whole chain, arguments included, says whether a limit is applied.
  let chain = call.node;
  while (chain.parent && ['member_expression', 'call_expression', 'attribute', 'call', 'await_expression', 'subscript', 'selector_expression'].includes(chain.parent.type)) chain = chain.parent;
  return !BOUNDED.test(chain.text);
}

/** Unbounded reads reached from GET endpoints whose path ends on a collection, not an `{id}`. */
export function check(ctx: CodeRuleContext): Finding[] {
  const findings: Finding[] = [];
  for (const file of ctx.files) {
    for (const call of ctx.calls(file)) {
      if (!isUnbounded(call)) continue;
      const lists = ctx.endpointsReaching(call.node).filter((e) => e.method === 'GET' && !/\}$/.test(e.path));
      if (!lists.length) continue;
      findings.push(findingAt(meta, ctx, file, call.node, `${call.callee}() in ${file.path} reads without a limit behind the list endpoint ${lists[0].method} ${lists[0].path}.`, { endpoint: { method: lists[0].method, path: lists[0].path } }));
    }
  }
  return findings;
}
