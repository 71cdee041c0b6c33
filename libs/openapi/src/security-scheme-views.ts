import { isJsonObject, type JsonObject, type SecuritySchemeView } from './model';
import type { Located, NodeResolver } from './node-resolver';
import type { VersionAdapter } from './version-adapter';

/** The document's named security schemes, in the 3.x terms of SecuritySchemeView. */
export function buildSecuritySchemeViews(nodes: NodeResolver, adapter: VersionAdapter): SecuritySchemeView[] {
  const views: SecuritySchemeView[] = [];
  const declared = adapter.securitySchemes();
  if (!isJsonObject(declared.value)) return views;
  for (const name in declared.value) {
    const scheme = nodes.objectAt(declared.value[name], declared.at, name);
    if (scheme) views.push(buildSecuritySchemeView(name, scheme, adapter.ownScopes(scheme.value)));
  }
  return views;
}

function buildSecuritySchemeView(name: string, { value: s, at }: Located<JsonObject>, ownScopes: readonly string[]): SecuritySchemeView {
  // Swagger 2.0's `basic` is 3.x's http scheme `basic`. Mapped in any version: in a 3.x document it means nothing else.
  const type = s.type === 'basic' ? 'http' : (s.type as SecuritySchemeView['type']);
  const scopes = new Set<string>(ownScopes);
  if (isJsonObject(s.flows)) {
    for (const flow of Object.values(s.flows)) if (isJsonObject(flow) && isJsonObject(flow.scopes)) for (const scope of Object.keys(flow.scopes)) scopes.add(scope);
  }
  return {
    name,
    type,
    ...(typeof s.in === 'string' ? { in: s.in as 'query' | 'header' | 'cookie' } : {}),
    ...(s.type === 'basic' ? { scheme: 'basic' } : typeof s.scheme === 'string' ? { scheme: s.scheme.toLowerCase() } : {}),
    scopes: [...scopes],
    value: s,
    at,
  };
}
