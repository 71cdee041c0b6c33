import { createFinding } from '@apiaudit/domain';
import { defineRule, isErrorStatus, specEvidence } from '../spec-rule';

export const rule = defineRule(
  {
    id: 'error-schemas-inconsistent',
    title: 'Error responses use different schemas',
    category: 'errors',
    severity: 'medium',
    rationale:
      'When one endpoint fails with `{message}`, another with `{error: {code}}` and a third with problem details, clients ' +
      'need per-endpoint error parsing and usually end up showing raw bodies to users.',
    fix: 'Define one error schema (RFC 9457 problem details) and reference it from every 4xx and 5xx response.',
  },
  (model) => {
    const shapes = new Map<string, import('@apiaudit/openapi').NodeRef>();
    for (const op of model.operations) {
      for (const r of op.responses) {
        if (!isErrorStatus(r.status)) continue;
        for (const c of r.content) {
          if (!c.schema) continue;
          const props = c.schema.value.properties;
          const key = c.schema.via.length ? `ref:${c.schema.at.file}#${c.schema.at.pointer}` : `inline:${props && typeof props === 'object' ? Object.keys(props).sort().join(',') : String(c.schema.value.type)}`;
          if (!shapes.has(key)) shapes.set(key, c.schema.at);
        }
      }
    }
    if (shapes.size < 2) return [];
    return [
      createFinding(rule.meta, {
        message: `Error responses use ${shapes.size} different body schemas.`,
        subject: 'api',
        evidence: [...shapes.values()].slice(0, 5).map((at) => specEvidence(model, at)),
      }),
    ];
  },
);
