// TypeORM's decorators read design-time types through reflect-metadata; load it before any entity.
import 'reflect-metadata';
export { createDataSource, ensureDatabase, dropDatabase, migrate, migrationsFor, DEFAULT_DATABASE_URL, ENTITIES, MIGRATIONS, type MigrationOptions } from './data-source';
export { ClientEntity } from './entities/client.entity';
export { ProjectEntity } from './entities/project.entity';
export { SourceEntity, type SourceKind } from './entities/source.entity';
export { AuditEntity } from './entities/audit.entity';
export { FindingEntity } from './entities/finding.entity';
export { ArtifactEntity, type ArtifactKind } from './entities/artifact.entity';
export { IdempotencyKeyEntity, type IdempotencyState } from './entities/idempotency-key.entity';
export { SpecDiffEntity } from './entities/spec-diff.entity';
export { CatalogRepository, type KeysetPage, type StoredAuditConfig } from './repositories/catalog.repository';
export { SourceRepository, type NewSource, type StoredScan } from './repositories/source.repository';
export { AuditRepository, type FindingPage, type InventoryPage } from './repositories/audit.repository';
export { IdempotencyRepository, type CompletedAnswer, type IdempotencyKeyRef } from './repositories/idempotency.repository';
export { ComparisonRepository, type ComparedAudit, type ComparisonInputs, type StoredComparison } from './repositories/comparison.repository';
export { ScheduleRepository, type ScheduleRecord } from './repositories/schedule.repository';
export { ReauditTriggerRepository, type RepositoryLink, type GithubSecretRecord } from './repositories/reaudit-trigger.repository';
export { WebhookRepository, type WebhookRecord, type DeliveryRecord, type DeliveryAttempt } from './repositories/webhook.repository';
export { HealthRepository } from './repositories/health.repository';
export { SpecDiffRepository, type NewSpecDiff } from './repositories/spec-diff.repository';
export { PlanVersionRepository, type PlanVersionRecord, type PreviousPlan } from './repositories/plan-version.repository';
export { PlanIssueExportRepository, type PlanIssueExportRecord, type PlanIssueExportStatus, type ExportedIssueRecord } from './repositories/plan-issue-export.repository';
export { sealToken, openToken, parseTokenKey, tokenContext, webhookSecretContext, githubWebhookSecretContext } from './token-seal';
export { readPlatformConfig, redisConnection, ConfigError, LOG_LEVELS, type LogLevel, type PlatformConfig, type WorkerFault } from './platform-config';
export { startWorkerHeartbeat, readWorkerPresence, heartbeatTtlMs, type WorkerBeat, type WorkerPresence } from './worker-presence';
export { AccountRepository, type UserRecord, type ApiTokenRecord, type InvitationRecord, type AcceptOutcome } from './repositories/account.repository';
export { ScopeRepository, SCOPED_RESOURCES, type ScopedResource } from './repositories/scope.repository';
export { AuditLogRepository, AUDIT_LOG_ACTIONS, type AuditLogAction, type AuditLogEntry, type AuditLogRecord } from './repositories/audit-log.repository';
export {
  FindingWorkflowRepository,
  FINDING_SORTS,
  type FindingSort,
  type FindingFilter,
  type FindingCursor,
  type FindingListItem,
  type FindingStateRecord,
  type StatusChangeRecord,
  type CommentRecord,
  type OccurrenceRecord,
  type StateChange,
  type UpdateOutcome,
  type PersonRef,
} from './repositories/finding-workflow.repository';
