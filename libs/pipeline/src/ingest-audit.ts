import type { AuditConfig } from '@apiaudit/rules';
import { scanRepository, type CodeScanResult } from '@apiaudit/code-scan';
import { buildApiModel, type ApiModel } from '@apiaudit/openapi';
import type { AuditInputs, RepoSource, SpecSource } from './audit-inputs';
import { evidencePrefix, loadSpecSource } from './load-spec-source';
import { auditConfigOf } from './read-audit-config';

/** A spec read once: its model, and the folder its evidence paths are prefixed with. */
export interface IngestedSpec {
  source: SpecSource;
  model: ApiModel;
  prefix: string;
}

export interface ScannedRepo {
  repo: RepoSource;
  scan: CodeScanResult;
}

/** What an audit reads before it judges anything: its config, each spec parsed once, each repository scanned once. */
export interface IngestedAudit {
  config: AuditConfig;
  warnings: string[];
  specs: IngestedSpec[];
  repos: ScannedRepo[];
}

export async function ingestSpecs(specs: SpecSource[], onSpec: (done: number) => void = () => {}): Promise<IngestedSpec[]> {
  const out: IngestedSpec[] = [];
  for (const source of specs) {
    out.push({ source, model: buildApiModel(await loadSpecSource(source)), prefix: evidencePrefix(source) });
    onSpec(out.length);
  }
  return out;
}

/** How a repository is named in the plan: its label, else its folder. */
export function repoLabel(repo: RepoSource): string | undefined {
  return repo.label ?? ('path' in repo ? repo.path : undefined);
}

/** Each repository's scan: a stored one (the worker scans per commit in its own job) as it is, a tree on disk scanned now. */
export function scanRepos(repos: RepoSource[], onRepo: () => void = () => {}): ScannedRepo[] {
  return repos.map((repo) => {
    const scan = 'scan' in repo ? repo.scan : scanRepository(repo.path, { ...(repo.label ? { label: repo.label } : {}) });
    onRepo();
    return { repo, scan };
  });
}

/** Route paths found in the code: trace attribution names a request by them where the spec has no template for it. */
export function codePathsOf(repos: ScannedRepo[]): string[] {
  return [...new Set(repos.flatMap(({ scan }) => scan.endpoints.map((e) => e.path)))];
}

/** The config, the specs and the repositories of an audit, each read once (the trace job and runAudit both start here). */
export async function ingestAudit(inputs: Pick<AuditInputs, 'configText' | 'specs' | 'repos'>, hooks: { onSpec?: (done: number) => void; onRepo?: () => void } = {}): Promise<IngestedAudit> {
  const { config, warnings } = auditConfigOf(inputs);
  const specs = await ingestSpecs(inputs.specs, hooks.onSpec);
  return { config, warnings, specs, repos: scanRepos(inputs.repos, hooks.onRepo) };
}
