export * from './github-ref';
export { fetchGithubRepository, type FetchedRepository, type GithubFetchOptions } from './fetch-github-repository';
export { exportPlanIssues, itemMarker, PLAN_LABEL, type ExportedIssue, type PlanIssueExportOptions } from './export-plan-issues';
