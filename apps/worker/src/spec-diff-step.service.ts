import { Injectable } from '@nestjs/common';
import { UnrecoverableError } from 'bullmq';
import { diffSpecs } from '@apiaudit/diff';
import type { DiffSpecJobPayload } from '@apiaudit/domain';
import { SourceRepository, SpecDiffRepository } from '@apiaudit/db';
import { buildApiModel } from '@apiaudit/openapi';
import { loadSpecSource } from '@apiaudit/pipeline';
import { ProjectInputs } from './project-inputs';

/** The diff-spec job: each new spec version against the one before it, apart from any audit. */
@Injectable()
export class SpecDiffStep {
  constructor(
    private readonly sources: SourceRepository,
    private readonly specDiffs: SpecDiffRepository,
    private readonly projectInputs: ProjectInputs,
  ) {}

  /** Compares spec version n of a project with version n - 1 and stores the changes; a retry overwrites the stored diff. */
  async diffSpec({ sourceId, version }: DiffSpecJobPayload): Promise<{ changes: number; breaking: number }> {
    const revision = await this.sources.findById(sourceId);
    if (!revision || revision.kind !== 'spec') throw new UnrecoverableError(`spec source ${sourceId} does not exist`);
    if (revision.version !== version) throw new UnrecoverableError(`spec source ${sourceId} is version ${revision.version}, not ${version}`);
    const base = await this.sources.findVersion(revision.projectId, 'spec', version - 1);
    if (!base) throw new UnrecoverableError(`project ${revision.projectId} has no spec version ${version - 1} to diff against`);
    const [baseModel, revisionModel] = await Promise.all([base, revision].map(async (s) => buildApiModel(await loadSpecSource(await this.projectInputs.specSource(s)))));
    const minDeprecationDays = await this.projectInputs.minDeprecationDaysOf(revision.projectId);
    const changes = diffSpecs(baseModel!, revisionModel!, { now: new Date(), minDeprecationDays });
    await this.specDiffs.save({
      projectId: revision.projectId,
      sourceId: revision.id,
      baseSourceId: base.id,
      baseVersion: base.version,
      version: revision.version,
      minDeprecationDays,
      changes,
    });
    return { changes: changes.length, breaking: changes.filter((c) => c.level === 'breaking').length };
  }
}
