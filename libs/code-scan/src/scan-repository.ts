import type { CodeScan, RuleMeta } from '@apiaudit/domain';
import { CodeRuleContext } from './code-rule-context';
import { extractEndpointsFromParsed } from './extract-endpoints';
import { CODE_RULES } from './rules';
import { listSourceFiles, type SourceFile } from './source-files';
import { parseSources, type SkippedFile } from './syntax/parse-source';

export const codeRuleMetas: RuleMeta[] = CODE_RULES.map((r) => r.meta);

/** A scan's endpoints, findings and file counts (the domain's CodeScan, which the platform stores per commit). */
export type CodeScanResult = CodeScan;

export interface ScanOptions {
  maxFiles?: number;
  maxFileBytes?: number;
  /** Prefix for evidence paths, e.g. the folder as the user named it. */
  label?: string;
  /** Rule ids to run; all when absent. */
  isEnabled?: (ruleId: string) => boolean;
}

/** Endpoints and code findings from file contents: parse once, extract routes, run every code rule. */
export function scanFiles(files: SourceFile[], options: Pick<ScanOptions, 'isEnabled'> = {}): CodeScanResult {
  const skipped: SkippedFile[] = [];
  const parsed = parseSources(files, skipped);
  const endpoints = extractEndpointsFromParsed(parsed, files);
  const ctx = new CodeRuleContext(parsed, endpoints);
  const findings = CODE_RULES.filter((rule) => options.isEnabled?.(rule.meta.id) ?? true).flatMap((rule) => rule.check(ctx));
  return { endpoints, findings, files: files.length, ...(skipped.length ? { skipped } : {}) };
}

/** Endpoints routed in code and code findings, from a checked-out tree (TypeScript/JavaScript, Python, Java, Go). */
export function scanRepository(root: string, options: ScanOptions = {}): CodeScanResult {
  const prefix = options.label ? `${options.label.replace(/\/$/, '')}/` : '';
  const files = listSourceFiles(root, { maxFiles: options.maxFiles ?? 20_000, maxFileBytes: options.maxFileBytes ?? 1024 * 1024 }).map((f) => ({ ...f, path: prefix + f.path }));
  return scanFiles(files, options);
}
