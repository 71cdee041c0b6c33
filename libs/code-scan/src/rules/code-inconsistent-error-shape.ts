import type { Finding, RuleMeta } from '@apiaudit/domain';
import { findingAt, NO_FINDINGS, type CodeRuleContext } from '../code-rule-context';
import { isJs } from '../code-patterns';
import type { ParsedFile, SyntaxNode } from '../syntax/parse-source';

export const meta: RuleMeta = {
  id: 'code-inconsistent-error-shape',
  title: 'Handlers answer errors in different body shapes',
  category: 'errors',
  source: 'code',
  severity: 'low',
  rationale:
    'Clients parse one error shape. When one handler answers `{message}`, another `{error}` and a third `{errors: {...}}`, ' +
    'every client needs a case per endpoint, and errors it does not recognise surface as "unknown error" to users.',
  fix: 'Answer every error through one helper or filter with one body shape, preferably RFC 9457 problem+json (type, title, status, detail).',
  target: NO_FINDINGS,
};

interface Shape {
  file: ParsedFile;
  node: SyntaxNode;
  keys: string;
}

function keysOf(node: SyntaxNode | undefined): string | undefined {
  if (!node) return undefined;
  if (node.type === 'object') return node.namedChildren.map((p) => (p.type === 'pair' ? p.childForFieldName('key')?.text.replace(/['"]/g, '') : p.type === 'shorthand_property_identifier' ? p.text : '...')).sort().join(',');
  if (node.type === 'dictionary') return node.namedChildren.filter((p) => p.type === 'pair').map((p) => p.childForFieldName('key')?.text.replace(/['"]/g, '')).sort().join(',');
  if (node.type === 'composite_literal') return node.childForFieldName('body')?.namedChildren.map((e) => e.namedChildren[0]?.text.replace(/"/g, '')).sort().join(',');
  return undefined;
}

function isErrorStatus(text: string | undefined): boolean {
  if (!text) return false;
  if (/^\d+$/.test(text)) return Number(text) >= 400;
  return /^http\.Status/.test(text) && !/Status(OK|Created|Accepted|NoContent|MovedPermanently|Found|NotModified)$/.test(text);
}

function errorShapes(ctx: CodeRuleContext, file: ParsedFile): Shape[] {
  const shapes: Shape[] = [];
  for (const call of ctx.calls(file)) {
    let keys: string | undefined;
    if (isJs(file) && (call.name === 'json' || call.name === 'send')) {
      // res.status(404).json({...})
      const status = /\.status\((\d+)\)$/.exec(call.receiver ?? '')?.[1];
      if (isErrorStatus(status)) keys = keysOf(call.args[0]);
    } else if (file.language === 'go' && /^(JSON|AbortWithStatusJSON|IndentedJSON)$/.test(call.name)) {
      if (isErrorStatus(call.args[0]?.text)) keys = keysOf(call.args[1]);
    } else if (file.language === 'python' && call.name === 'jsonify') {
      const tuple = call.node.parent?.type === 'expression_list' || call.node.parent?.type === 'tuple' ? call.node.parent : undefined;
      if (tuple && isErrorStatus(tuple.namedChildren[1]?.text)) keys = keysOf(call.args[0]);
    } else if (file.language === 'python' && /^(JSONResponse|Response)$/.test(call.name)) {
      const status = call.args.find((a) => a.type === 'keyword_argument' && /^status(_code)?$/.test(a.childForFieldName('name')?.text ?? ''))?.childForFieldName('value')?.text;
      if (isErrorStatus(status?.replace(/^status\.HTTP_(\d+).*$/, '$1'))) keys = keysOf(call.args.find((a) => a.type === 'dictionary') ?? call.args.find((a) => a.childForFieldName('name')?.text === 'content')?.childForFieldName('value') ?? undefined);
    }
    if (keys) shapes.push({ file, node: call.node, keys });
  }
  return shapes;
}

/** Reports each shape other than the most common one, once, where it first appears. */
export function check(ctx: CodeRuleContext): Finding[] {
  const shapes = ctx.files.flatMap((file) => errorShapes(ctx, file));
  const counts = new Map<string, Shape[]>();
  for (const shape of shapes) counts.set(shape.keys, [...(counts.get(shape.keys) ?? []), shape]);
  if (counts.size < 2) return [];
  const ranked = [...counts.entries()].sort((a, b) => b[1].length - a[1].length || a[0].localeCompare(b[0]));
  const usual = ranked[0][0];
  return ranked.slice(1).map(([keys, list]) =>
    findingAt(meta, ctx, list[0].file, list[0].node, `Error body {${keys}} in ${list[0].file.path} differs from the usual {${usual}} (${ranked.length} shapes across ${shapes.length} error answers).`),
  );
}
