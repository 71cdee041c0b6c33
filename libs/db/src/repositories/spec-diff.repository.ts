import type { DataSource } from 'typeorm';
import type { SpecChange } from '@apiaudit/domain';
import { SpecDiffEntity } from '../entities/spec-diff.entity';

export interface NewSpecDiff {
  projectId: string;
  sourceId: string;
  baseSourceId: string;
  baseVersion: number;
  version: number;
  minDeprecationDays: number;
  changes: SpecChange[];
}

export class SpecDiffRepository {
  constructor(private readonly db: DataSource) {}

  /** Upserts on (source, version): a retried diff-spec job replaces the earlier result. */
  async save(diff: NewSpecDiff): Promise<void> {
    const count = (level: string) => diff.changes.filter((c) => c.level === level).length;
    await this.db.getRepository(SpecDiffEntity).upsert(
      {
        ...diff,
        breaking: count('breaking'),
        potentiallyBreaking: count('potentially-breaking'),
        nonBreaking: count('non-breaking'),
        info: count('info'),
        createdAt: new Date(),
      },
      { conflictPaths: ['sourceId', 'version'] },
    );
  }

  findBySource(sourceId: string, version: number): Promise<SpecDiffEntity | null> {
    return this.db.getRepository(SpecDiffEntity).findOneBy({ sourceId, version });
  }

  /** The stored diff from spec source `baseSourceId` to `sourceId`, when it judged removals by the same window. */
  findPair(baseSourceId: string, sourceId: string, minDeprecationDays: number): Promise<SpecDiffEntity | null> {
    return this.db.getRepository(SpecDiffEntity).findOneBy({ baseSourceId, sourceId, minDeprecationDays });
  }

  findByProjectVersion(projectId: string, version: number): Promise<SpecDiffEntity | null> {
    return this.db.getRepository(SpecDiffEntity).findOneBy({ projectId, version });
  }
}
