import type { Finding, RuleMeta } from '@apiaudit/domain';
import { findingAt, NO_FINDINGS, FUNCTION_TYPES, type CodeRuleContext } from '../code-rule-context';
import { isJs } from '../code-patterns';
import { nodesOfType } from '../syntax/parse-source';

export const meta: RuleMeta = {
  id: 'code-empty-catch',
  title: 'Error swallowed by an empty catch (JavaScript, TypeScript, Java)',
  category: 'errors',
  source: 'code',
  severity: 'medium',
  rationale:
    'An empty catch turns a failure into silence: the request answers 200 with missing data or stale state, nothing is ' +
    'logged, and the incident is found by a customer instead of an alert.',
  fix: 'Handle the error (log it with context, map it to a problem response, or rethrow); catch only the errors you expect.',
  target: NO_FINDINGS,
};

export function check(ctx: CodeRuleContext): Finding[] {
  const findings: Finding[] = [];
  for (const file of ctx.files.filter((f) => isJs(f) || f.language === 'java')) {
    for (const clause of nodesOfType(file, 'catch_clause')) {
      const body = clause.childForFieldName('body');
      if (body && body.namedChildren.every((c) => c.type === 'comment' || c.type === 'line_comment' || c.type === 'block_comment')) {
        findings.push(findingAt(meta, ctx, file, clause, `An empty catch in ${file.path} swallows the error.`));
      }
    }
    // promise.catch(() => {}) is the same thing spelled as a call.
    for (const call of ctx.calls(file)) {
      const handler = call.args[0];
      if (call.name !== 'catch' || !handler || !FUNCTION_TYPES.has(handler.type)) continue;
      const body = handler.childForFieldName('body');
      if (body && (body.text === '{}' || body.type === 'null' || body.text === 'undefined')) findings.push(findingAt(meta, ctx, file, call.node, `.catch() with an empty handler in ${file.path} swallows the rejection.`));
    }
  }
  return findings;
}
