import { Injectable } from '@nestjs/common';
import { CatalogRepository, SourceRepository, SpecDiffRepository, type SourceEntity, type SpecDiffEntity } from '@apiaudit/db';
import { notFound, Problem } from '../http/problem';
import { SourcesService } from './sources.service';

/** A stored spec diff as GET answers it in JSON. */
export interface SpecDiffView {
  sourceId: string;
  baseSourceId: string;
  baseVersion: number;
  version: number;
  summary: { breaking: number; potentiallyBreaking: number; nonBreaking: number; info: number };
  changes: SpecDiffEntity['changes'];
  createdAt: Date;
}

export function specDiffView(diff: SpecDiffEntity): SpecDiffView {
  return {
    sourceId: diff.sourceId,
    baseSourceId: diff.baseSourceId,
    baseVersion: diff.baseVersion,
    version: diff.version,
    summary: { breaking: diff.breaking, potentiallyBreaking: diff.potentiallyBreaking, nonBreaking: diff.nonBreaking, info: diff.info },
    changes: diff.changes,
    createdAt: diff.createdAt,
  };
}

/** The diffs between a project's consecutive spec versions, which the worker's diff-spec job computes and stores. */
@Injectable()
export class SpecDiffsService {
  constructor(
    private readonly catalog: CatalogRepository,
    private readonly sourceRows: SourceRepository,
    private readonly specDiffs: SpecDiffRepository,
    private readonly sources: SourcesService,
  ) {}

  /** The diff of `version` against `version - 1`; 404 until the job has run. */
  async diff(projectId: string, version: number): Promise<SpecDiffEntity> {
    const source = await this.diffableVersion(projectId, version);
    const diff = await this.specDiffs.findBySource(source.id, version);
    if (!diff) {
      throw new Problem(
        404,
        'not-found',
        'Diff not ready',
        `The diff of spec version ${version} against version ${version - 1} has not been computed yet. Retry shortly; if it stays missing, POST to this URL to queue it again.`,
      );
    }
    return diff;
  }

  /** Queues the diff of a version again unless it is stored; which of the two it was. */
  async requeue(projectId: string, version: number): Promise<'stored' | 'queued'> {
    const source = await this.diffableVersion(projectId, version);
    if (await this.specDiffs.findBySource(source.id, version)) return 'stored';
    await this.sources.requeueDiff(source);
    return 'queued';
  }

  /** The spec version a diff belongs to; 404 for an unknown project or version, and for version 1 (nothing before it). */
  private async diffableVersion(projectId: string, version: number): Promise<SourceEntity> {
    if (!(await this.catalog.findProject(projectId))) throw notFound('Project', projectId);
    // Versions are PostgreSQL `int`: a number beyond it names no version (and must not reach the database).
    const source = version >= 1 && version <= 2_147_483_647 ? await this.sourceRows.findVersion(projectId, 'spec', version) : null;
    if (!source) throw new Problem(404, 'not-found', 'Spec version not found', `Project ${projectId} has no spec version ${version}.`);
    if (version === 1) throw new Problem(404, 'not-found', 'No diff for the first version', 'Spec version 1 has no previous version to compare with.');
    return source;
  }
}
