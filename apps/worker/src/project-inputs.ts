import { Injectable } from '@nestjs/common';
import type { AuditSourceReport, SpecOutline } from '@apiaudit/domain';
import { CatalogRepository, SourceRepository, SpecDiffRepository, type SourceEntity } from '@apiaudit/db';
import { buildApiModel, outlineSpec, specFilesOf } from '@apiaudit/openapi';
import { auditConfigFileName, auditConfigOf, loadSpecSource, minDeprecationDaysOf, type AuditInputs, type RepoSource, type SpecSource, type TraceStepInputs } from '@apiaudit/pipeline';
import { repositoryLabel } from './repository-scanner';

const SPEC_MISSING = 'the project has no spec: spec rules, breaking changes and drift against a spec were not checked';
const TRACES_MISSING = 'the project has no trace export: traffic findings, costs and measured targets are not in this audit';

/**
 * What an audit will read of the project's stored sources, before repositories are fetched: the newest spec version
 * and the trace exports (a re-audit: the newest only), or that the project has none of a kind. Repository sources are
 * added by the scan step, read or failed.
 */
export function sourcesToRead(stored: { spec?: SourceEntity; traces: SourceEntity[] }, { newestTracesOnly = false }: { newestTracesOnly?: boolean } = {}): AuditSourceReport[] {
  const read = (source: SourceEntity): AuditSourceReport => ({ kind: source.kind, status: 'read', sourceId: source.id, version: source.version, label: source.filename });
  const traces = newestTracesOnly ? stored.traces.slice(-1) : stored.traces;
  return [
    stored.spec ? read(stored.spec) : { kind: 'spec', status: 'missing', detail: SPEC_MISSING },
    ...(traces.length ? traces.map(read) : [{ kind: 'traces' as const, status: 'missing' as const, detail: TRACES_MISSING }]),
  ];
}

/** Which stored sources an audit reads: a re-audit the newest trace export only, and none of the repositories that failed for it. */
interface SourceChoice {
  newestTracesOnly?: boolean;
  failedSourceIds?: string[];
}

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

  /**
   * A spec version's outline, as stored with it when its upload was validated. A version stored before outlines (or
   * with an outline of another schema version) is parsed once here and its outline stored for the audits after.
   */
  async specOutlineOf(source: SourceEntity): Promise<SpecOutline> {
    const stored = await this.sources.specOutlineOf(source.id);
    if (stored) return stored;
    const outline = outlineSpec(buildApiModel(await loadSpecSource(await this.specSource(source))));
    await this.sources.saveSpecOutline(source.id, outline);
    return outline;
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

  private async storedSourcesOf(projectId: string, failedSourceIds: string[]) {
    const stored = await this.sources.inputsOfProject(projectId);
    // A repository that could not be fetched is left out (reported on the audit), not audited from an older scan;
    // a trace export that could not be read is left out of the analyze step as it was of the trace step.
    const kept = (source: SourceEntity) => !failedSourceIds.includes(source.id);
    return { ...stored, repositories: stored.repositories.filter(kept), traces: stored.traces.filter(kept) };
  }

  /**
   * The newest spec, the spec before it with the stored diff between them (when the diff-spec job stored it with
   * the window this config asks for), every trace export (a re-audit: the newest only, the traffic since the fixes
   * shipped), the stored scan of every repository but those that failed for this audit, and the config.
   */
  async of(projectId: string, { newestTracesOnly = false, failedSourceIds = [] }: SourceChoice = {}): Promise<AuditInputs> {
    const stored = await this.storedSourcesOf(projectId, failedSourceIds);
    const configText = await this.configTextOf(projectId);
    const window = minDeprecationDaysOf(auditConfigOf({ configText }).config);
    const diff = stored.spec && stored.previousSpec ? await this.specDiffs.findPair(stored.previousSpec.id, stored.spec.id, window) : null;
    return {
      subject: '',
      specs: stored.spec ? [await this.specSource(stored.spec)] : [],
      traces: tracesOf(chosenTraces(stored.traces, newestTracesOnly)),
      repos: await this.reposOf(stored.repositories),
      ...(stored.previousSpec ? { previousSpec: await this.specSource(stored.previousSpec) } : {}),
      ...(diff ? { previousChanges: diff.changes } : {}),
      ...(configText ? { configText } : {}),
    };
  }

  /**
   * What the trace step reads: the same traces, repositories and config as `of`, and the newest spec's outline instead
   * of the spec; with the trace sources themselves, so an export that cannot be read is reported by its source id.
   */
  async ofTraceStep(projectId: string, { newestTracesOnly = false, failedSourceIds = [] }: SourceChoice = {}): Promise<TraceStepInputs & { traceSources: SourceEntity[] }> {
    const stored = await this.storedSourcesOf(projectId, failedSourceIds);
    const configText = await this.configTextOf(projectId);
    const traceSources = chosenTraces(stored.traces, newestTracesOnly);
    return {
      traceSources,
      specOutlines: stored.spec ? [await this.specOutlineOf(stored.spec)] : [],
      traces: tracesOf(traceSources),
      repos: await this.reposOf(stored.repositories),
      ...(configText ? { configText } : {}),
    };
  }
}

/** The trace exports an audit reads: every one, or for a re-audit the newest only (the traffic since the fixes shipped). */
function chosenTraces(traces: SourceEntity[], newestOnly: boolean): SourceEntity[] {
  return newestOnly ? traces.slice(-1) : traces;
}

/** Trace exports as the CLI's `--traces` would name them. */
function tracesOf(traces: SourceEntity[]): AuditInputs['traces'] {
  return traces.filter((t) => t.path).map((t) => ({ path: t.path!, label: t.filename }));
}
