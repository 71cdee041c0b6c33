export type { Change, ChangeLevel, DiffOptions } from './change';
export { diffSpecs } from './diff-specs';
export { diffCheckMetas, DIFF_CHECKS, type DiffCheckId } from './diff-checks';
export { changesToFindings, groupChanges, renderChangelogMarkdown } from './changelog';
export { diffCheckFixtures, type SpecPair } from './pairs';
