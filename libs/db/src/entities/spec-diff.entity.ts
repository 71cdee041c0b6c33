import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, Unique } from 'typeorm';
import type { SpecChange } from '@apiaudit/domain';

/** The changes from spec version `baseVersion` to `version` of a project. (source, version) is unique: a retry overwrites. */
@Entity('spec_diffs')
@Unique('spec_diffs_source_version', ['sourceId', 'version'])
export class SpecDiffEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid', { name: 'project_id' })
  projectId: string;

  /** The spec source row of the revision (`version`). */
  @Column('uuid', { name: 'source_id' })
  sourceId: string;

  @Column('uuid', { name: 'base_source_id' })
  baseSourceId: string;

  @Column('int', { name: 'base_version' })
  baseVersion: number;

  @Column('int')
  version: number;

  /** The deprecation window (days) removals were judged by: the project's `diff.minDeprecationDays` at the time. */
  @Column('int', { name: 'min_deprecation_days' })
  minDeprecationDays: number;

  @Column('int')
  breaking: number;

  @Column('int', { name: 'potentially_breaking' })
  potentiallyBreaking: number;

  @Column('int', { name: 'non_breaking' })
  nonBreaking: number;

  @Column('int')
  info: number;

  @Column('jsonb')
  changes: SpecChange[];

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
