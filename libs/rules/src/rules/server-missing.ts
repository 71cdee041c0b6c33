import { createFinding } from '@apiaudit/domain';
import { defineRule, specEvidence } from '../spec-rule';

export const rule = defineRule(
  {
    id: 'server-missing',
    title: 'No server URL',
    category: 'contract',
    severity: 'info',
    rationale:
      'Without `servers` (or `host` in 2.0) tools default to the document\'s own location; try-it consoles, SDKs and mocks do ' +
      'not know where the API lives.',
    fix: 'List the production (and sandbox) base URLs under `servers`.',
  },
  (model) =>
    model.servers.length === 0 && model.operations.length > 0
      ? [createFinding(rule.meta, { message: 'The description names no server URL.', evidence: [specEvidence(model, { file: model.doc.entryFile, pointer: '' })] })]
      : [],
);
