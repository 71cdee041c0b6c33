import type { AuditProgress, AuditStatus, Scores } from '@apiaudit/domain';
import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

@Entity('audits')
export class AuditEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index()
  @Column('uuid', { name: 'project_id' })
  projectId: string;

  @Column('text', { default: 'queued' })
  status: AuditStatus;

  @Column('jsonb', { default: () => `'{"step":"ingest","percent":0}'` })
  progress: AuditProgress;

  @Column('text', { nullable: true })
  error: string | null;

  @Column('text', { nullable: true })
  subject: string | null;

  @Column('jsonb', { nullable: true })
  scores: Scores | null;

  /** Endpoint inventory and the plan, as the pipeline returned them. */
  @Column('jsonb', { nullable: true })
  inventory: unknown[] | null;

  @Column('jsonb', { nullable: true })
  plan: unknown | null;

  /** Result of the separate trace job, read by the analyze job. Not selected unless asked for: it can be large. */
  @Column('jsonb', { name: 'trace_analysis', nullable: true, select: false })
  traceAnalysis: unknown | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column('timestamptz', { name: 'started_at', nullable: true })
  startedAt: Date | null;

  @Column('timestamptz', { name: 'finished_at', nullable: true })
  finishedAt: Date | null;
}
