import type { Finding, RuleMeta } from '@apiaudit/domain';
import { findingAt, NO_FINDINGS, type CodeRuleContext } from '../code-rule-context';
import { nodesOfType } from '../syntax/parse-source';

export const meta: RuleMeta = {
  id: 'code-python-exception-swallowed',
  title: 'Exception swallowed with except: pass',
  category: 'errors',
  source: 'code',
  severity: 'medium',
  rationale:
    '`except: pass` (or `except Exception: pass`) hides every failure, including bugs and timeouts, and a bare except ' +
    'also catches KeyboardInterrupt and SystemExit. The handler carries on with half-done work and nothing is logged.',
  fix: 'Catch the specific exception you expect and handle it; log anything else with its traceback and let it propagate.',
  target: NO_FINDINGS,
};

export function check(ctx: CodeRuleContext): Finding[] {
  const findings: Finding[] = [];
  for (const file of ctx.files.filter((f) => f.language === 'python' && f.text.includes('except'))) {
    for (const clause of nodesOfType(file, 'except_clause')) {
      const block = clause.namedChildren.find((c) => c.type === 'block');
      const statements = block?.namedChildren.filter((c) => c.type !== 'comment') ?? [];
      const isEmpty = statements.length > 0 && statements.every((s) => s.type === 'pass_statement' || (s.type === 'expression_statement' && s.text === '...'));
      const caught = clause.namedChildren.find((c) => c.type !== 'block' && c.type !== 'comment')?.text ?? '';
      if (isEmpty && (caught === '' || /^(Exception|BaseException)\b/.test(caught))) {
        findings.push(findingAt(meta, ctx, file, clause, `${caught ? `except ${caught.split(' ')[0]}` : 'A bare except'} in ${file.path} passes silently.`));
      }
    }
  }
  return findings;
}
