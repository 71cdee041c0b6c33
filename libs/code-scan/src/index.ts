export { scanRepository, scanFiles, codeRuleMetas, type CodeScanResult, type ScanOptions } from './scan-repository';
export { canScanInThread, scanRepositoryInThread } from './scan-in-thread';
export { extractEndpoints } from './extract-endpoints';
export type { CodeEndpoint, Framework } from './routes/route-graph';
export { listSourceFiles, type SourceFile } from './source-files';
export { CODE_RULES } from './rules';
export type { CodeRule } from './code-rule-context';
export { codeRuleFixtureDirs } from './rules/code-rule-fixtures';
