import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** `plan-input.json` is what the plan files were rendered from, so an edited plan can be rendered again. */
export type ArtifactKind = 'plan.html' | 'plan.pdf' | 'plan.json' | 'plan.md' | 'plan.csv' | 'plan-input.json';

@Entity('artifacts')
export class ArtifactEntity {
  @PrimaryColumn('uuid', { name: 'audit_id' })
  auditId: string;

  @PrimaryColumn('text')
  kind: ArtifactKind;

  @Column('text', { name: 'media_type' })
  mediaType: string;

  @Column('text')
  etag: string;

  /** The plan version the file was rendered from (plan_versions). */
  @Column('int', { name: 'plan_version', default: 1 })
  planVersion: number;

  @Column('bytea', { select: false })
  content: Buffer;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
