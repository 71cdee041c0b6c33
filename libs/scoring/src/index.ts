export { scoreAudit, explainScores, findingPenalty, reachOf, SEVERITY_WEIGHT, SCORE_FORMULA } from './score-audit';
export { buildPlan, type PlanOptions } from './build-plan';
export { measureTarget, describeTarget, DEFAULT_TARGET } from './plan-target';
export { compareAudits, validateTarget, type ComparableAudit, type CompareAuditsInput } from './compare-audits';
export { applyPlanEdits, mergePlanEdits, carryPlanEdits } from './plan-edits';
