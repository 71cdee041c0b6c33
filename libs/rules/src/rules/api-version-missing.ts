import { createFinding } from '@apiaudit/domain';
import { defineRule, specEvidence } from '../spec-rule';

const VERSION = /(^|\/)v\d+(\.\d+)?(\/|$)|\/\d{4}-\d{2}-\d{2}(\/|$)/;

export const rule = defineRule(
  {
    id: 'api-version-missing',
    title: 'No API version in path, header or media type',
    category: 'versioning',
    severity: 'medium',
    rationale:
      'Without a version in the URL, a header or the media type, the first breaking change has nowhere to go: either every ' +
      'client breaks at once or the API freezes.',
    fix: 'Choose one versioning scheme (a /v1 path prefix, a version header or a versioned media type) and apply it everywhere.',
  },
  (model) => {
    if (model.operations.length === 0) return [];
    // Any one place carrying a version is enough: the cheap checks first, each only if the ones before failed.
    if (model.servers.some((s) => VERSION.test(s.url.replace(/^[a-z]+:\/\/[^/]+/, '')))) return [];
    if (model.operations.every((op) => VERSION.test(op.path))) return [];
    if (model.operations.some((op) => op.parameters.some((p) => p.in === 'header' && /version/i.test(p.name)))) return [];
    if (model.operations.some((op) => op.responses.some((r) => r.content.some((c) => /version=|\.v\d+\+|vnd\..*v\d/.test(c.mediaType))))) return [];
    return [
      createFinding(rule.meta, {
        message: `None of ${model.operations.length} operations carries a version in its path, a header or its media type.`,
        evidence: [specEvidence(model, { file: model.doc.entryFile, pointer: model.servers[0] ? model.servers[0].at.pointer : '/paths' })],
        subject: 'api',
      }),
    ];
  },
);
