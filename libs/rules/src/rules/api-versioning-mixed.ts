import { createFinding } from '@apiaudit/domain';
import { isHealthProbe } from '../api-versions';
import { defineRule, endpointOf, specEvidence } from '../spec-rule';

export const rule = defineRule(
  {
    id: 'api-versioning-mixed',
    title: 'Paths mix versioned and unversioned or several versions',
    category: 'versioning',
    severity: 'low',
    rationale:
      'Some paths under /v1, others under /v2 or none: clients cannot tell which version of the API they are on, and the ' +
      'deprecation of an old version cannot be planned as a whole. Health probes outside a version are not counted.',
    fix: 'Serve one version per API description; move unversioned paths under the version prefix.',
  },
  (model) => {
    const groups = new Map<string, typeof model.operations>();
    for (const op of model.operations) {
      if (isHealthProbe(op.path)) continue;
      const version = /^\/(v\d+(?:\.\d+)?(?:(?:alpha|beta)\d*)?)(\/|$)/.exec(op.path)?.[1] ?? 'unversioned';
      const group = groups.get(version);
      if (group) group.push(op);
      else groups.set(version, [op]);
    }
    if (groups.size < 2) return [];
    const sizes = [...groups.entries()].map(([v, ops]) => `${ops.length} ${v}`).join(', ');
    const minority = [...groups.values()].sort((a, b) => a.length - b.length)[0];
    return [
      createFinding(rule.meta, {
        message: `Operations are split across versions: ${sizes}.`,
        evidence: minority.slice(0, 5).map((op) => specEvidence(model, op.at, `${op.method.toUpperCase()} ${op.path}`)),
        affected: minority.map(endpointOf),
        subject: 'api',
      }),
    ];
  },
);
