import type { AuditProgress, AuditSourceReport, AuditStatus, AuditTrigger, Endpoint, Plan, Scores, TraceAnalysis } from '@apiaudit/domain';
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
  inventory: Endpoint[] | null;

  @Column('jsonb', { nullable: true })
  plan: Plan | null;

  /** Result of the separate trace job, read by the analyze job. Not selected unless asked for: it can be large. */
  @Column('jsonb', { name: 'trace_analysis', nullable: true, select: false })
  traceAnalysis: TraceAnalysis | null;

  /** Each source as the audit took it (read, missing, failed); null until its ingest step ran. */
  @Column('jsonb', { nullable: true })
  sources: AuditSourceReport[] | null;

  /** What started the audit when it was not a plain POST of an audit: a schedule, a push, a re-audit request. */
  @Column('jsonb', { name: 'triggered_by', nullable: true })
  triggeredBy: AuditTrigger | null;

  /** One firing of a trigger (a scheduler job, a webhook delivery); unique, so a retried firing finds its audit. */
  @Column('text', { name: 'trigger_key', nullable: true, select: false })
  triggerKey: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column('timestamptz', { name: 'started_at', nullable: true })
  startedAt: Date | null;

  @Column('timestamptz', { name: 'finished_at', nullable: true })
  finishedAt: Date | null;
}
