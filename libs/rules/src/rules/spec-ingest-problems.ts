import { createFinding, type Finding, type RuleMeta } from '@apiaudit/domain';
import type { ApiModel, IngestProblem } from '@apiaudit/openapi';
import { defineRule, specEvidence, type SpecRule } from '../spec-rule';

// Ingest keeps going past broken references and empty path items; these rules turn what it noted into findings.
function problemRule(code: IngestProblem['code'], meta: Omit<RuleMeta, 'source' | 'category'>): SpecRule {
  const rule: SpecRule = defineRule({ ...meta, category: 'ingest' }, (model: ApiModel): Finding[] =>
    model.doc.problems
      .filter((p) => p.code === code)
      .map((p) => createFinding(rule.meta, { message: p.message, evidence: [specEvidence(model, p.at)] })),
  );
  return rule;
}

export const refUnresolved = problemRule('ref-unresolved', {
  id: 'spec-ref-unresolved',
  title: '$ref does not resolve',
  severity: 'high',
  rationale: 'A reference to a node that does not exist leaves a hole in the contract: tools fail to bundle or generate code, and the schema it stood for is unknown.',
  fix: 'Point the $ref at an existing node, or add the missing definition.',
});

export const refFileMissing = problemRule('ref-file-missing', {
  id: 'spec-ref-file-missing',
  title: '$ref points to a missing file',
  severity: 'high',
  rationale: 'A multi-file description that references a file not shipped with it cannot be bundled or validated; everything behind that file is undocumented.',
  fix: 'Add the referenced file to the repository or correct the relative path.',
});

export const refRemote = problemRule('ref-remote', {
  id: 'spec-ref-remote',
  title: '$ref to a remote URL',
  severity: 'low',
  rationale: 'Remote references make the contract depend on a server at build time; audits, code generation and CI break when it is down or changes silently.',
  fix: 'Vendor the referenced document into the repository and reference it by relative path.',
});

export const emptyPathItem = problemRule('empty-path-item', {
  id: 'spec-empty-path-item',
  title: 'Path declares no operation',
  severity: 'low',
  rationale: 'A path item with no operations documents nothing: either operations were lost in an edit or the path is dead and misleads readers.',
  fix: 'Add the operations the path serves or delete the path item.',
});
