import type { RuleMeta } from '@apiaudit/domain';
import { codeRuleMetas } from '@apiaudit/code-scan';
import { diffCheckMetas } from '@apiaudit/diff';
import { specRuleMetas } from '@apiaudit/rules';
import { traceDetectorMetas } from '@apiaudit/traces';
import { driftRuleMetas } from './drift';

/**
 * Every rule the audit can report, whatever its source. New analyzers (diff checks, code rules) add their
 * metas here once, and `apiaudit rules`, the docs and the plan's rationale text pick them up.
 */
export function ruleCatalog(): RuleMeta[] {
  return [...specRuleMetas, ...traceDetectorMetas, ...codeRuleMetas, ...driftRuleMetas, ...diffCheckMetas];
}
