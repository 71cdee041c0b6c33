import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { ArtifactEntity } from './entities/artifact.entity';
import { AuditEntity } from './entities/audit.entity';
import { ClientEntity } from './entities/client.entity';
import { FindingEntity } from './entities/finding.entity';
import { IdempotencyKeyEntity } from './entities/idempotency-key.entity';
import { ProjectEntity } from './entities/project.entity';
import { SourceEntity } from './entities/source.entity';
import { SpecDiffEntity } from './entities/spec-diff.entity';
import { CreateAuditSchema1764043200000 } from './migrations/1764043200000-CreateAuditSchema';
import { AddAuditTraceAnalysis1764050400000 } from './migrations/1764050400000-AddAuditTraceAnalysis';
import { CreateSpecDiffs1764057600000 } from './migrations/1764057600000-CreateSpecDiffs';
import { CreateAccounts1765010000000 } from './migrations/1765010000000-CreateAccounts';
import { ClaimIdempotencyKeys1765020000000 } from './migrations/1765020000000-ClaimIdempotencyKeys';
import { KeySourcesByEntry1765020000001 } from './migrations/1765020000001-KeySourcesByEntry';
import { CreateAuditComparisons1765300000000 } from './migrations/1765300000000-CreateAuditComparisons';
import { CreateAuditSchedules1765300000001 } from './migrations/1765300000001-CreateAuditSchedules';
import { AddProjectAuditConfig1765200000000 } from './migrations/1765200000000-AddProjectAuditConfig';
import { AddSpecDiffDeprecationWindow1765200000001 } from './migrations/1765200000001-AddSpecDiffDeprecationWindow';
import { CreateProjectWebhooks1765300000002 } from './migrations/1765300000002-CreateProjectWebhooks';
import { CreatePlanVersions1765500000000 } from './migrations/1765500000000-CreatePlanVersions';
import { CreatePlanIssueExports1765500000001 } from './migrations/1765500000001-CreatePlanIssueExports';
import { AddRepositorySources1765400000000 } from './migrations/1765400000000-AddRepositorySources';
import { sealWebhookSecretsMigration } from './migrations/1765600000000-SealWebhookSecrets';
import { CreateGithubWebhookSecrets1765600000001 } from './migrations/1765600000001-CreateGithubWebhookSecrets';
import { AddAuditSources1765600000002 } from './migrations/1765600000002-AddAuditSources';
import { AddSourceSpecOutline1765630000000 } from './migrations/1765630000000-AddSourceSpecOutline';

export const DEFAULT_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/apiaudit';

export const ENTITIES = [ClientEntity, ProjectEntity, SourceEntity, AuditEntity, FindingEntity, ArtifactEntity, IdempotencyKeyEntity, SpecDiffEntity];
/** What migrations may need beyond SQL: the key that seals secrets already stored as plain text. */
export interface MigrationOptions {
  tokenKey?: Buffer;
}

/** Every migration, in order; those that seal stored secrets are made with the deployment's key. */
export function migrationsFor({ tokenKey }: MigrationOptions = {}) {
  return [
    CreateAuditSchema1764043200000,
    AddAuditTraceAnalysis1764050400000,
    CreateSpecDiffs1764057600000,
    CreateAccounts1765010000000,
    ClaimIdempotencyKeys1765020000000,
    KeySourcesByEntry1765020000001,
    AddProjectAuditConfig1765200000000,
    AddSpecDiffDeprecationWindow1765200000001,
    CreateAuditComparisons1765300000000,
    CreateAuditSchedules1765300000001,
    CreateProjectWebhooks1765300000002,
    AddRepositorySources1765400000000,
    CreatePlanVersions1765500000000,
    CreatePlanIssueExports1765500000001,
    sealWebhookSecretsMigration(tokenKey),
    CreateGithubWebhookSecrets1765600000001,
    AddAuditSources1765600000002,
    AddSourceSpecOutline1765630000000,
  ];
}

export const MIGRATIONS = migrationsFor();

/** The schema comes from migrations only; `synchronize` stays off so production never drifts from them. */
export function createDataSource(url: string = DEFAULT_DATABASE_URL, options: MigrationOptions = {}): DataSource {
  return new DataSource({ type: 'postgres', url, entities: ENTITIES, migrations: migrationsFor(options), synchronize: false, migrationsRun: false, logging: false });
}

/** Creates the database named in `url` when it does not exist yet (first start, test runs). */
export async function ensureDatabase(url: string): Promise<void> {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.slice(1));
  if (!/^[A-Za-z0-9_]+$/.test(name)) throw new Error(`unsupported database name '${name}'`);
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (exists.rowCount === 0) await client.query(`CREATE DATABASE "${name}"`);
  } finally {
    await client.end();
  }
}

export async function dropDatabase(url: string): Promise<void> {
  const name = decodeURIComponent(new URL(url).pathname.slice(1));
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  } finally {
    await client.end();
  }
}

/** Creates the database if needed and applies pending migrations; returns the names applied. */
export async function migrate(url: string = DEFAULT_DATABASE_URL, options: MigrationOptions = {}): Promise<string[]> {
  await ensureDatabase(url);
  const dataSource = createDataSource(url, options);
  await dataSource.initialize();
  try {
    return (await dataSource.runMigrations({ transaction: 'each' })).map((m) => m.name);
  } finally {
    await dataSource.destroy();
  }
}
