import { createFinding } from '@apiaudit/domain';
import { defineRule, specEvidence } from '../spec-rule';

export const rule = defineRule(
  {
    id: 'path-duplicate-templates',
    title: 'Paths differ only in parameter names',
    category: 'naming',
    severity: 'medium',
    rationale:
      '`/users/{id}` and `/users/{name}` match the same URLs: a router can serve only one of them, so one documented ' +
      'operation is unreachable or the server guesses.',
    fix: 'Merge the two path items, or make them differ by a literal segment (/users/by-name/{name}).',
  },
  (model) => {
    const byShape = new Map<string, Set<string>>();
    for (const op of model.operations) {
      const shape = op.path.replace(/\{[^}]*\}/g, '{}');
      byShape.set(shape, (byShape.get(shape) ?? new Set()).add(op.path));
    }
    return [...byShape.values()]
      .filter((paths) => paths.size > 1)
      .map((paths) =>
        createFinding(rule.meta, {
          message: `Paths ${[...paths].join(' and ')} match the same URLs.`,
          evidence: [...paths].map((p) => specEvidence(model, { file: model.doc.entryFile, pointer: `/paths/${p.replace(/~/g, '~0').replace(/\//g, '~1')}` })),
          subject: 'api',
          key: [...paths].sort().join('|'),
        }),
      );
  },
);
