import type { Finding, RuleMeta } from '@apiaudit/domain';
import { findingAt, NO_FINDINGS, type CodeRuleContext } from '../code-rule-context';
import { SQL } from '../code-patterns';
import { nodesOfType, type SyntaxNode } from '../syntax/parse-source';

export const meta: RuleMeta = {
  id: 'code-sql-built-from-strings',
  title: 'SQL built by string concatenation or interpolation',
  category: 'security',
  source: 'code',
  severity: 'high',
  rationale:
    'A statement assembled from request values is an injection point: one quote in a parameter reads or changes data ' +
    'the caller must not reach. It also defeats the database\'s statement cache.',
  fix: 'Pass values as bound parameters ($1, ?, :name, %s with a params tuple) or use the query builder; never splice them into the SQL text.',
  target: NO_FINDINGS,
};

const SINKS = /^(query|execute|exec|raw|\$queryRawUnsafe|\$executeRawUnsafe|queryRaw|executeQuery|executeUpdate|createQuery|createNativeQuery|prepareStatement|Query|QueryRow|QueryContext|QueryRowContext|Exec|ExecContext|Raw|executemany|text|update|queryForList|queryForObject)$/;

/** Whether an argument is SQL text with spliced values: `...${x}`, 'a' + x, f"...{x}", "..." % x, "...".format(x), fmt.Sprintf. */
function isSplicedSql(node: SyntaxNode): boolean {
  switch (node.type) {
    case 'template_string':
      return node.namedChildren.some((c) => c.type === 'template_substitution') && SQL.test(node.text.slice(1));
    case 'string':
      return node.namedChildren.some((c) => c.type === 'interpolation') && SQL.test(node.text.replace(/^[a-zA-Z]*["']+/, ''));
    case 'binary_expression':
    case 'binary_operator': {
      const op = node.childForFieldName('operator')?.text;
      if (op !== '+' && op !== '%') return false;
      const text = node.text.replace(/^[\s(]*[a-zA-Z]*["'`]+/, '');
      return SQL.test(text) && node.namedChildren.some((c) => !/string|literal/.test(c.type));
    }
    case 'call':
    case 'call_expression': {
      const fn = node.childForFieldName('function')?.text ?? '';
      const first = node.childForFieldName('arguments')?.namedChildren[0];
      if (/\.format$/.test(fn)) return SQL.test(fn.replace(/^[a-zA-Z]*["']+/, ''));
      return /^fmt\.Sprintf$/.test(fn) && !!first && SQL.test(first.text.replace(/^["`]/, ''));
    }
    case 'parenthesized_expression':
      return node.namedChildren.some(isSplicedSql);
    default:
      return false;
  }
}

export function check(ctx: CodeRuleContext): Finding[] {
  const findings: Finding[] = [];
  for (const file of ctx.files) {
    if (!/select|insert|update|delete/i.test(file.text)) continue;
    // Assigned first and passed later: `const sql = "SELECT ..." + id; db.query(sql)`.
    const spliced = new Set<string>();
    for (const decl of nodesOfType(file, ['variable_declarator', 'assignment', 'short_var_declaration', 'local_variable_declaration'])) {
      const value = decl.childForFieldName('value') ?? decl.childForFieldName('right') ?? decl.namedChildren.find((c) => c.type === 'variable_declarator')?.childForFieldName('value');
      const name = decl.childForFieldName('name') ?? decl.childForFieldName('left') ?? decl.namedChildren.find((c) => c.type === 'variable_declarator')?.childForFieldName('name');
      const single = value?.type === 'expression_list' ? value.namedChildren[0] : value;
      if (single && name && isSplicedSql(single)) spliced.add(name.text.replace(/^\[|\]$/g, ''));
    }
    for (const call of ctx.calls(file)) {
      if (!SINKS.test(call.name)) continue;
      const first = call.args[0];
      if (!first) continue;
      if (isSplicedSql(first) || (first.type === 'identifier' && spliced.has(first.text))) {
        findings.push(findingAt(meta, ctx, file, call.node, `${call.callee}() in ${file.path} runs SQL with values spliced into its text.`));
      }
    }
  }
  return findings;
}
