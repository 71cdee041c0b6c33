export * from './github-ref';
export { createGithubClient, type GithubClientOptions } from './github-client';
export {
  DEFAULT_REPOSITORY_LIMITS,
  downloadGithubCommit,
  fetchGithubRepository,
  resolveGithubCommit,
  type FetchedRepository,
  type GithubFetchOptions,
  type ResolvedCommit,
} from './fetch-github-repository';
export { ArchiveInputError, detectArchiveFormat, unpackArchive, type ExtractLimits, type UnpackOptions } from './unpack-archive';
export { exportPlanIssues, itemMarker, PLAN_LABEL, type ExportedIssue, type PlanIssueExportOptions } from './export-plan-issues';
