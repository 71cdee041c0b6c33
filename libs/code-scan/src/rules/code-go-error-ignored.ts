import type { Finding, RuleMeta } from '@apiaudit/domain';
import { findingAt, NO_FINDINGS, type CodeRuleContext } from '../code-rule-context';
import { nodesOfType } from '../syntax/parse-source';

export const meta: RuleMeta = {
  id: 'code-go-error-ignored',
  title: 'Go error discarded with _ or an empty if err != nil',
  category: 'errors',
  source: 'code',
  severity: 'medium',
  rationale:
    "Go returns errors as values: assigning one to _ or checking it and doing nothing means the handler carries on with " +
    'a zero value, writes a half response or loses data without a trace.',
  fix: 'Check every error: return it wrapped with context, or answer the request with a problem response and log it.',
  target: NO_FINDINGS,
};

/** The error is, by Go convention, the last result: `v, _ := f()` and `_ = f()` drop it. */
const NOT_ERRORS = /^(fmt\.(Print|Fprint)|\w+\.(Write|WriteString|Close)$)/;

export function check(ctx: CodeRuleContext): Finding[] {
  const findings: Finding[] = [];
  for (const file of ctx.files.filter((f) => f.language === 'go')) {
    for (const node of nodesOfType(file, ['short_var_declaration', 'assignment_statement'])) {
      const left = node.childForFieldName('left')?.namedChildren ?? [];
      const right = node.childForFieldName('right')?.namedChildren ?? [];
      const call = right[0];
      if (right.length !== 1 || call?.type !== 'call_expression' || left[left.length - 1]?.text !== '_') continue;
      const callee = call.childForFieldName('function')?.text ?? '';
      if (NOT_ERRORS.test(callee)) continue;
      findings.push(findingAt(meta, ctx, file, node, `The error from ${callee}() in ${file.path} is assigned to _.`));
    }
    for (const statement of nodesOfType(file, 'if_statement')) {
      const condition = statement.childForFieldName('condition')?.text.replace(/\s+/g, '');
      const consequence = statement.childForFieldName('consequence');
      if (condition?.endsWith('!=nil') && /err/i.test(condition) && consequence && consequence.namedChildren.every((c) => c.type === 'comment' || (c.type === 'statement_list' && c.namedChildren.every((s) => s.type === 'comment')))) {
        findings.push(findingAt(meta, ctx, file, statement, `if ${condition} in ${file.path} checks the error and does nothing.`));
      }
    }
  }
  return findings;
}
