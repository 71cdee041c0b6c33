import { createFinding } from '@apiaudit/domain';
import { defineRule, endpointOf, specEvidence } from '../spec-rule';

export const rule = defineRule(
  {
    id: 'security-scheme-undefined',
    title: 'Security requirement names an undefined scheme',
    category: 'security',
    severity: 'high',
    rationale:
      'A requirement that names a scheme nobody defined cannot be enforced by gateways or generated clients: the operation is ' +
      'documented as protected while tooling treats it as open (OWASP API2:2023).',
    fix: 'Define the scheme under components.securitySchemes (securityDefinitions in 2.0) or fix the name in the requirement.',
    owasp: 'API2:2023',
  },
  (model) => {
    const defined = new Set(model.securitySchemes.map((s) => s.name));
    const reported = new Set<string>();
    return model.operations.flatMap((op) =>
      op.security.flatMap((req) =>
        Object.keys(req)
          .filter((name) => !defined.has(name) && !reported.has(name))
          .map((name) => {
            reported.add(name);
            return createFinding(rule.meta, {
              message: `Security scheme '${name}' is required (first by ${op.method.toUpperCase()} ${op.path}) but never defined.`,
              endpoint: endpointOf(op),
              evidence: [specEvidence(model, op.securityIsOwn ? { file: op.at.file, pointer: `${op.at.pointer}/security` } : { file: model.doc.entryFile, pointer: '/security' })],
              key: name,
            });
          }),
      ),
    );
  },
);
