import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, Unique } from 'typeorm';

export type SourceKind = 'spec' | 'traces' | 'repository';

/** An uploaded input, stored once per project and content hash: uploading the same bytes again is a no-op. */
@Entity('sources')
@Unique('sources_project_kind_sha256', ['projectId', 'kind', 'sha256'])
export class SourceEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid', { name: 'project_id' })
  projectId: string;

  @Column('text')
  kind: SourceKind;

  @Column('char', { length: 64 })
  sha256: string;

  /** 1, 2, 3 … per project and kind: spec versions are diffed against the previous one. */
  @Column('int')
  version: number;

  @Column('text')
  filename: string;

  @Column('bigint', { transformer: { to: (v: number) => v, from: (v: string) => Number(v) } })
  size: number;

  /** Spec bytes (a single document or an archive), an uploaded repository archive; trace uploads live on disk at `path` instead. */
  @Column('bytea', { nullable: true, select: false })
  content: Buffer | null;

  @Column('text', { nullable: true })
  path: string | null;

  /** Entry file inside an archive upload. */
  @Column('text', { nullable: true })
  entry: string | null;

  /** A GitHub repository source: `owner/name`, and the branch, tag or sha asked for (null: the default branch). */
  @Column('text', { nullable: true })
  repository: string | null;

  @Column('text', { nullable: true })
  ref: string | null;

  /** The GitHub token, sealed with AES-256-GCM (see token-seal.ts); never selected unless asked for. */
  @Column('bytea', { name: 'token_sealed', nullable: true, select: false })
  tokenSealed: Buffer | null;

  /** The commit (GitHub) or archive hash (upload) the stored scan read. */
  @Column('text', { name: 'commit_sha', nullable: true })
  commitSha: string | null;

  /**
   * The code scan of `commitSha` (endpoints, findings, file count) in its stored form (StoredCodeScan, with its schema
   * version), reused while the commit does not change; read back through SourceRepository.scanOf, which checks it.
   */
  @Column('jsonb', { nullable: true, select: false })
  scan: unknown;

  /**
   * A spec source's outline in its stored form (StoredSpecOutline, with its schema version): what the trace step reads
   * instead of the spec. Read back through SourceRepository.specOutlineOf, which checks it.
   */
  @Column('jsonb', { nullable: true, select: false })
  outline: unknown;

  @Column('timestamptz', { name: 'scanned_at', nullable: true })
  scannedAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
