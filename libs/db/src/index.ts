// TypeORM's decorators read design-time types through reflect-metadata; load it before any entity.
import 'reflect-metadata';
export { createDataSource, ensureDatabase, dropDatabase, migrate, DEFAULT_DATABASE_URL, ENTITIES, MIGRATIONS } from './data-source';
export { ClientEntity } from './entities/client.entity';
export { ProjectEntity } from './entities/project.entity';
export { SourceEntity, type SourceKind } from './entities/source.entity';
export { AuditEntity } from './entities/audit.entity';
export { FindingEntity } from './entities/finding.entity';
export { ArtifactEntity, type ArtifactKind } from './entities/artifact.entity';
export { IdempotencyKeyEntity } from './entities/idempotency-key.entity';
export { SpecDiffEntity, type StoredChange } from './entities/spec-diff.entity';
export { CatalogRepository } from './repositories/catalog.repository';
export { SourceRepository, type NewSource } from './repositories/source.repository';
export { AuditRepository, type FindingPage } from './repositories/audit.repository';
export { IdempotencyRepository } from './repositories/idempotency.repository';
export { SpecDiffRepository, type NewSpecDiff } from './repositories/spec-diff.repository';
export { readPlatformConfig, redisConnection, ConfigError, LOG_LEVELS, type LogLevel, type PlatformConfig } from './platform-config';
