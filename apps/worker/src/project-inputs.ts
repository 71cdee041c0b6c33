import { Injectable } from '@nestjs/common';
import { CatalogRepository, SourceRepository, SpecDiffRepository, type SourceEntity } from '@apiaudit/db';
import { specFilesOf } from '@apiaudit/openapi';
import { auditConfigFileName, auditConfigOf, minDeprecationDaysOf, type AuditInputs, type RepoSource, type SpecSource } from '@apiaudit/pipeline';
import { repositoryLabel } from './repository-scanner';

/**
 * A project's stored sources and config as the AuditInputs the CLI builds from files and flags, so the worker calls
 * runAudit with what `apiaudit audit --spec … --traces … --previous-spec … --config …` would pass it.
 */
@Injectable()
export class ProjectInputs {
  constructor(
    private readonly sources: SourceRepository,
    private readonly catalog: CatalogRepository,
    private readonly specDiffs: SpecDiffRepository,
  ) {}

  async specSource(source: SourceEntity): Promise<SpecSource> {
    const files = await specFilesOf(await this.sources.contentOf(source.id), source.filename);
    return { kind: 'files', files, ...(source.entry ? { entry: source.entry } : {}), label: source.filename };
  }

  /** The project's apiaudit.yaml as the CLI's `--config` would pass it; none when the project has none. */
  async configTextOf(projectId: string): Promise<AuditInputs['configText']> {
    const stored = await this.catalog.auditConfigOf(projectId);
    return stored ? { text: stored.text, file: auditConfigFileName(stored.mediaType) } : undefined;
  }

  /** The deprecation window the project's config sets (90 days without one). */
  async minDeprecationDaysOf(projectId: string): Promise<number> {
    return minDeprecationDaysOf(auditConfigOf({ configText: await this.configTextOf(projectId) }).config);
  }

  /** The stored code scan of each repository source (the scan-repositories job runs before the steps that read it). */
  private async reposOf(repositories: SourceEntity[]): Promise<RepoSource[]> {
    const repos: RepoSource[] = [];
    for (const source of repositories) {
      const stored = await this.sources.scanOf(source.id);
      if (!stored) throw new Error(`repository ${repositoryLabel(source)} has no scan; the scan-repositories job must run first`);
      repos.push({ scan: stored.scan, label: repositoryLabel(source) });
    }
    return repos;
  }

  /**
   * The newest spec, the spec before it with the stored diff between them (when the diff-spec job stored it with
   * the window this config asks for), every trace export (a re-audit: the newest only, the traffic since the fixes
   * shipped), the stored scan of every repository, and the config.
   */
  async of(projectId: string, { newestTracesOnly = false }: { newestTracesOnly?: boolean } = {}): Promise<AuditInputs> {
    const stored = await this.sources.inputsOfProject(projectId);
    const configText = await this.configTextOf(projectId);
    const window = minDeprecationDaysOf(auditConfigOf({ configText }).config);
    const diff = stored.spec && stored.previousSpec ? await this.specDiffs.findPair(stored.previousSpec.id, stored.spec.id, window) : null;
    return {
      subject: '',
      specs: stored.spec ? [await this.specSource(stored.spec)] : [],
      traces: (newestTracesOnly ? stored.traces.slice(-1) : stored.traces).filter((t) => t.path).map((t) => ({ path: t.path!, label: t.filename })),
      repos: await this.reposOf(stored.repositories),
      ...(stored.previousSpec ? { previousSpec: await this.specSource(stored.previousSpec) } : {}),
      ...(diff ? { previousChanges: diff.changes } : {}),
      ...(configText ? { configText } : {}),
    };
  }
}
