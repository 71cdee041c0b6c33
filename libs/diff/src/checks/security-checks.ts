import type { ApiModel, JsonObject, OperationView, SecuritySchemeView } from '@apiaudit/openapi';
import { joinPointer } from '@apiaudit/openapi';
import type { CheckDefinition } from '../change';
import type { DiffContext } from '../check-definition';

export const SECURITY_CHECKS = {
  'security-requirement-added': { level: 'breaking', title: 'Authentication required', message: '{op} now requires {scheme}.' },
  'security-requirement-removed': { level: 'info', title: 'Authentication no longer required', message: '{op} no longer requires {scheme}.' },
  'security-scheme-replaced': { level: 'breaking', title: 'Authentication scheme replaced', message: '{op} now requires {to} instead of {from}; existing credentials stop working.' },
  'security-scope-added': { level: 'breaking', title: 'OAuth scope added', message: '{op} now requires scope {scope} of {scheme}; existing tokens may lack it.' },
  'security-scope-removed': { level: 'non-breaking', title: 'OAuth scope no longer required', message: '{op} no longer requires scope {scope} of {scheme}.' },
  'security-scheme-removed': { level: 'potentially-breaking', title: 'Security scheme removed', message: 'Security scheme {name} is no longer defined.' },
  'security-scheme-type-changed': { level: 'breaking', title: 'Security scheme type changed', message: 'Security scheme {name} changed from {from} to {to}; clients must authenticate differently.' },
  'security-api-key-location-changed': { level: 'breaking', title: 'API key moved', message: 'API key {name} is now sent as {to} instead of {from}.' },
  'security-oauth-flow-removed': { level: 'breaking', title: 'OAuth flow removed', message: 'Security scheme {name} no longer supports the {flow} flow.' },
  'security-oauth-url-changed': { level: 'potentially-breaking', title: 'OAuth endpoint changed', message: 'Security scheme {name}: {flow} {field} changed from {from} to {to}.' },
} satisfies Record<string, CheckDefinition>;

type Ctx = DiffContext<keyof typeof SECURITY_CHECKS>;

function schemes(op: OperationView): Map<string, Set<string>> {
  const map = new Map<string, Set<string>>();
  for (const req of op.security) for (const [name, scopes] of Object.entries(req)) map.set(name, new Set(Array.isArray(scopes) ? scopes : []));
  return map;
}

const isOpen = (op: OperationView) => op.security.length === 0 || op.security.some((r) => Object.keys(r).length === 0);

export function diffOperationSecurity(ctx: Ctx, before: OperationView, after: OperationView): void {
  const b = schemes(before);
  const a = schemes(after);
  const at = { file: after.at.file, pointer: after.securityIsOwn ? joinPointer(after.at.pointer, 'security') : '/security' };
  const [openBefore, openAfter] = [isOpen(before), isOpen(after)];
  if (openBefore && !openAfter) ctx.add('security-requirement-added', after, { scheme: [...a.keys()].join(' or ') }, { revision: at });
  if (!openBefore && openAfter) ctx.add('security-requirement-removed', after, { scheme: [...b.keys()].join(' or ') }, { revision: at });
  if (!openBefore && !openAfter && ![...a.keys()].some((name) => b.has(name))) {
    ctx.add('security-scheme-replaced', after, { from: [...b.keys()].join(' or '), to: [...a.keys()].join(' or ') }, { revision: at });
  }
  for (const [name, scopes] of a) {
    const previous = b.get(name);
    if (!previous) continue;
    for (const scope of scopes) if (!previous.has(scope)) ctx.add('security-scope-added', after, { scheme: name, scope }, { revision: at });
    for (const scope of previous) if (!scopes.has(scope)) ctx.add('security-scope-removed', after, { scheme: name, scope }, { revision: at });
  }
}

const flowsOf = (s: SecuritySchemeView): JsonObject => {
  if (typeof s.value.flow === 'string') return { [s.value.flow]: s.value }; // OAS 2 keeps one flow inline
  return (typeof s.value.flows === 'object' && s.value.flows !== null && !Array.isArray(s.value.flows) ? s.value.flows : {}) as JsonObject;
};

/** The schemes themselves, by name: how clients authenticate, independent of which operation uses them. */
export function diffSecuritySchemes(ctx: Ctx, base: ApiModel, revision: ApiModel): void {
  const next = new Map(revision.securitySchemes.map((s) => [s.name, s]));
  for (const scheme of base.securitySchemes) {
    const after = next.get(scheme.name);
    const values = { name: scheme.name };
    if (!after) {
      ctx.add('security-scheme-removed', null, values, { base: scheme.at });
      continue;
    }
    const at = { base: scheme.at, revision: after.at };
    const kind = (s: SecuritySchemeView) => (s.type === 'http' ? `http ${s.scheme ?? ''}`.trim() : s.type);
    if (kind(scheme) !== kind(after)) {
      ctx.add('security-scheme-type-changed', null, { ...values, from: kind(scheme), to: kind(after) }, at);
      continue;
    }
    if (scheme.type === 'apiKey') {
      const where = (s: SecuritySchemeView) => `${s.in ?? '?'} ${String(s.value.name ?? '?')}`;
      if (where(scheme) !== where(after)) ctx.add('security-api-key-location-changed', null, { ...values, from: where(scheme), to: where(after) }, at);
    }
    if (scheme.type === 'oauth2') {
      const [f1, f2] = [flowsOf(scheme), flowsOf(after)];
      for (const [flow, settings] of Object.entries(f1)) {
        const later = f2[flow] as JsonObject | undefined;
        if (!later) {
          ctx.add('security-oauth-flow-removed', null, { ...values, flow }, at);
          continue;
        }
        for (const field of ['authorizationUrl', 'tokenUrl']) {
          const [from, to] = [(settings as JsonObject)[field], later[field]];
          if (typeof from === 'string' && typeof to === 'string' && from !== to) ctx.add('security-oauth-url-changed', null, { ...values, flow, field, from, to }, at);
        }
      }
    }
  }
}
