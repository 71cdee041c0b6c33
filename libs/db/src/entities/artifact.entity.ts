import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

export type ArtifactKind = 'plan.html' | 'plan.pdf';

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

  @Column('bytea', { select: false })
  content: Buffer;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
