export { scoreAudit, findingPenalty, reachOf, SEVERITY_WEIGHT } from './score-audit';
export { buildPlan, type PlanOptions } from './build-plan';
export { compareWithBaseline, type BaselineComparison } from './compare-with-baseline';
