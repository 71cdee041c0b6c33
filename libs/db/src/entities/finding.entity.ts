import type { EndpointRef, Evidence, FindingCategory, Severity } from '@apiaudit/domain';
import { Column, Entity, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';

/** (audit, fingerprint) is unique, so a retried analyze job upserts instead of duplicating. */
@Entity('findings')
@Unique('findings_audit_fingerprint', ['auditId', 'fingerprint'])
@Index('findings_audit_position', ['auditId', 'position'])
export class FindingEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid', { name: 'audit_id' })
  auditId: string;

  /** Order in the audit (severity, then reach): the cursor for pagination. */
  @Column('int')
  position: number;

  @Column('text')
  fingerprint: string;

  @Column('text', { name: 'finding_id' })
  findingId: string;

  @Column('text', { name: 'rule_id' })
  ruleId: string;

  @Column('text')
  category: FindingCategory;

  @Column('text')
  severity: Severity;

  @Column('text')
  title: string;

  @Column('text')
  message: string;

  @Column('jsonb', { nullable: true })
  endpoint: EndpointRef | null;

  @Column('text', { nullable: true })
  service: string | null;

  @Column('jsonb')
  evidence: Evidence[];

  @Column('jsonb', { nullable: true })
  affected: EndpointRef[] | null;

  @Column('text', { nullable: true })
  owasp: string | null;

  @Column('jsonb', { nullable: true })
  metrics: Record<string, number> | null;
}
