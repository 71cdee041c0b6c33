import type { Finding, RuleMeta } from '@apiaudit/domain';
import { extractEndpoints } from './extract-endpoints';
import type { CodeEndpoint } from './routes/route-graph';
import * as httpTimeout from './rules/code-http-call-without-timeout';
import * as queryInLoop from './rules/code-query-in-loop';
import * as retryBackoff from './rules/code-retry-without-backoff';
import * as sequential from './rules/code-sequential-remote-calls';
import * as pageSize from './rules/code-unbounded-page-size';
import { listSourceFiles, type SourceFile } from './source-files';

const RULES: Array<{ meta: RuleMeta; check(files: SourceFile[]): Finding[] }> = [httpTimeout, retryBackoff, queryInLoop, sequential, pageSize];

export const codeRuleMetas: RuleMeta[] = RULES.map((r) => r.meta);

export interface CodeScanResult {
  endpoints: CodeEndpoint[];
  findings: Finding[];
  files: number;
}

export interface ScanOptions {
  maxFiles?: number;
  maxFileBytes?: number;
  /** Prefix for evidence paths, e.g. the folder as the user named it. */
  label?: string;
}

/** A code finding belongs to the route declared closest above it in the same file (its handler). */
function withOwningEndpoint(finding: Finding, endpoints: CodeEndpoint[]): Finding {
  const at = finding.evidence[0];
  if (!at?.file || !at.line || finding.endpoint) return finding;
  const owner = endpoints.filter((e) => e.file === at.file && e.line <= at.line!).sort((a, b) => b.line - a.line)[0];
  return owner ? { ...finding, endpoint: { method: owner.method, path: owner.path } } : finding;
}

/** Endpoints routed in code and code findings, from a checked-out tree (TypeScript/JavaScript, Python, Java, Go). */
export function scanRepository(root: string, options: ScanOptions = {}): CodeScanResult {
  const prefix = options.label ? `${options.label.replace(/\/$/, '')}/` : '';
  const files = listSourceFiles(root, { maxFiles: options.maxFiles ?? 20_000, maxFileBytes: options.maxFileBytes ?? 1024 * 1024 }).map((f) => ({ ...f, path: prefix + f.path }));
  const endpoints = extractEndpoints(files);
  return { endpoints, findings: RULES.flatMap((rule) => rule.check(files)).map((f) => withOwningEndpoint(f, endpoints)), files: files.length };
}
