import type { Finding, RuleMeta } from '@apiaudit/domain';
import { findingAt, NO_FINDINGS, type CodeRuleContext } from '../code-rule-context';
import type { CodeEndpoint } from '../routes/route-graph';
import { nodesOfType, type SyntaxNode } from '../syntax/parse-source';

export const meta: RuleMeta = {
  id: 'code-handler-missing-auth-guard',
  title: 'Handler lacks the auth guard its sibling handlers have',
  category: 'security',
  source: 'code',
  severity: 'high',
  rationale:
    'When most handlers of a controller or router check authentication and one changing handler does not, the odd ' +
    'one out is usually an oversight: anyone can call it (OWASP API5:2023, broken function level authorization).',
  fix: 'Add the guard, middleware, dependency or decorator its siblings use (or a class-level one), or document why the handler is public.',
  owasp: 'API5:2023',
  target: NO_FINDINGS,
};

const AUTH = /auth|guard|jwt|login_required|permission|protect|require_?user|current_?user|verify_?token|passport|secured|preauthorize|rolesallowed|isauthenticated|token_required/i;
const PUBLIC = /\/(login|logout|register|signup|sign-up|sessions?|tokens?|auth\w*|password\w*|users)$/i;
const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** The text that decides whether a route is guarded: decorators and parameters of the handler, or the route call's middleware. */
function guardText(handler: SyntaxNode): string {
  const parts: string[] = [];
  const params = handler.childForFieldName('parameters');
  if (params) parts.push(params.text);
  // Decorators: TS class members are preceded by them; Python wraps the def; Java keeps them in modifiers.
  let sibling = handler.previousNamedSibling;
  while (sibling?.type === 'decorator') {
    parts.push(sibling.text);
    sibling = sibling.previousNamedSibling;
  }
  if (handler.parent?.type === 'decorated_definition') parts.push(...handler.parent.namedChildren.filter((c) => c.type === 'decorator').map((d) => d.text));
  const modifiers = handler.namedChildren.find((c) => c.type === 'modifiers');
  if (modifiers) parts.push(modifiers.text);
  // An inline handler passed to router.post('/x', auth, handler): the middleware before it count.
  const args = handler.parent?.type === 'arguments' ? handler.parent : undefined;
  if (args) parts.push(...args.namedChildren.slice(1, -1).map((a) => a.text));
  return parts.join(' ');
}

function routeCallText(ctx: CodeRuleContext, endpoint: CodeEndpoint): string {
  const file = ctx.file(endpoint.file);
  if (!file) return '';
  const call = nodesOfType(file, ['call_expression', 'call']).find((c) => c.startPosition.row === endpoint.line - 1);
  const args = call?.childForFieldName('arguments')?.namedChildren ?? [];
  return args.slice(1, -1).map((a) => a.text).join(' ');
}

/** Groups are the handlers of one file (a controller, a router module); class-level guards cover the whole class. */
export function check(ctx: CodeRuleContext): Finding[] {
  const findings: Finding[] = [];
  const byFile = new Map<string, CodeEndpoint[]>();
  for (const endpoint of ctx.endpoints) byFile.set(endpoint.file, [...(byFile.get(endpoint.file) ?? []), endpoint]);
  for (const [path, endpoints] of byFile) {
    const file = ctx.file(path);
    if (!file || endpoints.length < 3) continue;
    const guarded = endpoints.map((endpoint) => {
      const handler = ctx.handlerOf(endpoint);
      const text = `${handler ? guardText(handler) : ''} ${routeCallText(ctx, endpoint)}`;
      return { endpoint, handler, isGuarded: AUTH.test(text) };
    });
    const classes = nodesOfType(file, ['class_declaration', 'class_definition']);
    if (classes.some((c) => /@UseGuards|@PreAuthorize|@Secured|@RolesAllowed|permission_classes\s*=\s*\(?\s*IsAuthenticated\b/.test((c.parent?.type === 'export_statement' ? c.parent.text : c.text).split('{')[0]))) continue;
    // Sign-up, login and token routes are public by design.
    const mutating = guarded.filter((g) => MUTATING.has(g.endpoint.method) && !PUBLIC.test(g.endpoint.path));
    const guardedCount = mutating.filter((g) => g.isGuarded).length;
    // Most changing handlers are guarded, and this one is not.
    if (guardedCount < 2 || guardedCount * 2 <= mutating.length) continue;
    for (const g of mutating.filter((m) => !m.isGuarded && m.handler)) {
      findings.push(findingAt(meta, ctx, file, g.handler!.childForFieldName('name') ?? g.handler!, `${g.endpoint.method} ${g.endpoint.path} has no auth guard while ${guardedCount} of ${mutating.length} changing handlers in ${path} do.`, { endpoint: { method: g.endpoint.method, path: g.endpoint.path } }));
    }
  }
  return findings;
}
