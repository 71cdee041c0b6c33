import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, Unique } from 'typeorm';

/** A change as the diff library reports it; stored as JSON, so the db layer only knows its level. */
export interface StoredChange {
  checkId: string;
  level: string;
  [key: string]: unknown;
}

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

  @Column('int')
  breaking: number;

  @Column('int', { name: 'potentially_breaking' })
  potentiallyBreaking: number;

  @Column('int', { name: 'non_breaking' })
  nonBreaking: number;

  @Column('int')
  info: number;

  @Column('jsonb')
  changes: StoredChange[];

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
