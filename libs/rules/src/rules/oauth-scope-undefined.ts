import { createFinding } from '@apiaudit/domain';
import { defineRule, endpointOf, specEvidence } from '../spec-rule';

export const rule = defineRule(
  {
    id: 'oauth-scope-undefined',
    title: 'Operation requires an OAuth scope the scheme does not define',
    category: 'security',
    severity: 'medium',
    rationale:
      'Scopes are the contract of function-level authorization. A scope that no flow declares cannot be granted, so either ' +
      'the operation is unusable or the check is not what the document says (OWASP API5:2023).',
    fix: 'Declare the scope in the OAuth flows of the scheme, or correct the scope name on the operation.',
    owasp: 'API5:2023',
  },
  (model) => {
    const schemes = new Map(model.securitySchemes.filter((s) => s.type === 'oauth2' || s.type === 'openIdConnect').map((s) => [s.name, s]));
    const reported = new Set<string>();
    return model.operations.flatMap((op) =>
      op.security.flatMap((req) =>
        Object.entries(req).flatMap(([name, scopes]) => {
          const scheme = schemes.get(name);
          if (!scheme || scheme.type === 'openIdConnect' || !Array.isArray(scopes)) return [];
          return scopes
            .filter((scope) => !scheme.scopes.includes(scope) && !reported.has(`${name}:${scope}`))
            .map((scope) => {
              reported.add(`${name}:${scope}`);
              return createFinding(rule.meta, {
                message: `Scope '${scope}' of '${name}' is required by ${op.method.toUpperCase()} ${op.path} but not defined by the scheme.`,
                endpoint: endpointOf(op),
                evidence: [specEvidence(model, op.securityIsOwn ? { file: op.at.file, pointer: `${op.at.pointer}/security` } : scheme.at)],
                key: `${name}:${scope}`,
              });
            });
        }),
      ),
    );
  },
);
