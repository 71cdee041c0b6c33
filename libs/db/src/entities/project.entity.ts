import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

@Entity('projects')
export class ProjectEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index()
  @Column('uuid', { name: 'client_id' })
  clientId: string;

  @Column('text')
  name: string;

  /** The project's apiaudit.yaml as sent (YAML or JSON); null: audits use the defaults. Read through CatalogRepository.auditConfigOf. */
  @Column('text', { name: 'audit_config', nullable: true, select: false })
  auditConfig: string | null;

  @Column('text', { name: 'audit_config_media_type', nullable: true, select: false })
  auditConfigMediaType: string | null;

  @Column('timestamptz', { name: 'audit_config_updated_at', nullable: true, select: false })
  auditConfigUpdatedAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
