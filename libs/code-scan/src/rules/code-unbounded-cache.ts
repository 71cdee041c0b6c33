import type { Finding, RuleMeta } from '@apiaudit/domain';
import { findingAt, NO_FINDINGS, type CodeRuleContext } from '../code-rule-context';
import { isJs } from '../code-patterns';
import { nodesOfType, type ParsedFile, type SyntaxNode } from '../syntax/parse-source';

export const meta: RuleMeta = {
  id: 'code-unbounded-cache',
  title: 'In-memory cache without a size bound or eviction',
  category: 'resilience',
  source: 'code',
  severity: 'medium',
  rationale:
    'A module-level map filled per request and never emptied grows with the key space: memory climbs until the ' +
    'process is killed, and every restart loses the cache anyway. Keys from user input make it an easy memory attack.',
  fix: 'Use a bounded cache (an LRU with max entries and a TTL: lru-cache, cachetools.TTLCache, @lru_cache(maxsize=N), hashicorp/golang-lru) or a shared cache such as Redis.',
  target: NO_FINDINGS,
};

const CACHE_NAME = /cache|memo/i;

function isEvicted(text: string, name: string): boolean {
  return new RegExp(`\\b${name}\\s*\\.\\s*(delete|clear|pop|popitem|size)\\b|\\bdel\\s+${name}\\[|len\\(\\s*${name}\\s*\\)|delete\\(\\s*${name}\\s*,|\\b${name}\\s*\\.\\s*length\\b`).test(text);
}

function report(ctx: CodeRuleContext, file: ParsedFile, node: SyntaxNode, name: string, findings: Finding[]): void {
  findings.push(findingAt(meta, ctx, file, node, `${name} in ${file.path} is filled and never evicted or bounded.`));
}

export function check(ctx: CodeRuleContext): Finding[] {
  const findings: Finding[] = [];
  for (const file of ctx.files) {
    if (isJs(file)) {
      for (const statement of file.root.namedChildren) {
        const declaration = statement.type === 'export_statement' ? statement.childForFieldName('declaration') : statement;
        if (declaration?.type !== 'lexical_declaration' && declaration?.type !== 'variable_declaration') continue;
        for (const d of declaration.namedChildren.filter((n) => n.type === 'variable_declarator')) {
          const name = d.childForFieldName('name')?.text ?? '';
          const value = d.childForFieldName('value')?.text ?? '';
          if (!CACHE_NAME.test(name) || !/^(new Map\(\)|\{\})$/.test(value)) continue;
          const writes = new RegExp(`\\b${name}\\s*\\.\\s*set\\s*\\(|\\b${name}\\s*\\[[^\\]]+\\]\\s*=[^=]`).test(file.text);
          if (writes && !isEvicted(file.text, name)) report(ctx, file, d, name, findings);
        }
      }
    } else if (file.language === 'python') {
      for (const statement of file.root.namedChildren) {
        const assignment = statement.type === 'expression_statement' ? statement.namedChildren[0] : undefined;
        if (assignment?.type === 'assignment') {
          const name = assignment.childForFieldName('left')?.text ?? '';
          const value = assignment.childForFieldName('right')?.text ?? '';
          const writes = new RegExp(`\\b${name}\\[[^\\]]+\\]\\s*=[^=]|\\b${name}\\.(setdefault|update)\\(`).test(file.text);
          if (CACHE_NAME.test(name) && /^(\{\}|dict\(\))$/.test(value) && writes && !isEvicted(file.text, name)) report(ctx, file, assignment, name, findings);
        }
      }
      for (const decorator of nodesOfType(file, 'decorator')) {
        if (/^@(functools\.)?(cache\s*$|lru_cache\(\s*maxsize\s*=\s*None\s*\))/.test(decorator.text)) {
          const fn = decorator.parent?.childForFieldName('definition')?.childForFieldName('name')?.text ?? 'function';
          report(ctx, file, decorator, `${decorator.text} on ${fn}`, findings);
        }
      }
    } else if (file.language === 'go') {
      for (const spec of nodesOfType(file, 'var_spec')) {
        if (spec.parent?.parent?.type !== 'source_file' && spec.parent?.type !== 'var_declaration') continue;
        const name = spec.childrenForFieldName('name')[0]?.text ?? '';
        if (!CACHE_NAME.test(name) || !/map\[/.test(spec.text)) continue;
        const writes = new RegExp(`\\b${name}\\[[^\\]]+\\]\\s*=[^=]`).test(file.text);
        if (writes && !isEvicted(file.text, name)) report(ctx, file, spec, name, findings);
      }
    }
  }
  return findings;
}
