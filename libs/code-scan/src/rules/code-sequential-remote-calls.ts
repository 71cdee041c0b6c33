import type { Finding, RuleMeta } from '@apiaudit/domain';
import { findingAt, NO_FINDINGS, type CodeRuleContext } from '../code-rule-context';
import { isJs, remoteCallsIn } from '../code-patterns';
import { nodesOfType, type ParsedFile, type SyntaxNode } from '../syntax/parse-source';

export const meta: RuleMeta = {
  id: 'code-sequential-remote-calls',
  title: 'Independent remote calls awaited one after another',
  category: 'performance',
  source: 'code',
  severity: 'low',
  rationale:
    'Awaiting independent calls in sequence adds their latencies; in parallel the request takes as long as the slowest. ' +
    'Three 80 ms calls cost 240 ms in a row and 80 ms together.',
  fix: 'Start independent calls together and await them with Promise.all (or allSettled where partial results are fine).',
  target: NO_FINDINGS,
};

/** `const x = await remote(...)` declarations: the name and the statement. */
function awaitedRemote(ctx: CodeRuleContext, file: ParsedFile, statement: SyntaxNode): { name: string; node: SyntaxNode } | undefined {
  if (statement.type !== 'lexical_declaration' && statement.type !== 'variable_declaration') return undefined;
  const declarator = statement.namedChildren.find((d) => d.type === 'variable_declarator');
  const value = declarator?.childForFieldName('value');
  if (!value || !value.text.startsWith('await')) return undefined;
  if (!remoteCallsIn(file, value, ctx.callsWithin(file, value)).length) return undefined;
  return { name: declarator!.childForFieldName('name')!.text, node: statement };
}

export function check(ctx: CodeRuleContext): Finding[] {
  const findings: Finding[] = [];
  for (const file of ctx.files.filter(isJs)) {
    for (const block of nodesOfType(file, 'statement_block')) {
      let run: Array<{ name: string; node: SyntaxNode }> = [];
      const flush = () => {
        if (run.length >= 3) findings.push(findingAt(meta, ctx, file, run[0].node, `${run.length} remote calls in ${file.path} run one after another though none uses another's result.`));
        run = [];
      };
      for (const statement of block.namedChildren.filter((s) => s.type !== 'comment')) {
        const declaration = remoteCallsIn(file, statement, ctx.callsWithin(file, statement)).length ? awaitedRemote(ctx, file, statement) : undefined;
        if (!declaration) {
          flush();
          continue;
        }
        // A call that uses an earlier result depends on it and starts a new run.
        const value = statement.namedChildren.find((d) => d.type === 'variable_declarator')?.childForFieldName('value');
        const names = new Set(value?.descendantsOfType(['identifier', 'shorthand_property_identifier']).map((n) => n.text));
        const uses = run.some((r) => names.has(r.name));
        if (uses) flush();
        run.push(declaration);
      }
      flush();
    }
  }
  return findings;
}
