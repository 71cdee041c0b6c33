import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateAuditSchema1764043200000 implements MigrationInterface {
  name = 'CreateAuditSchema1764043200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS pgcrypto`);
    await q.query(`CREATE TABLE clients (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      name text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now())`);
    await q.query(`CREATE TABLE projects (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      client_id uuid NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
      name text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now())`);
    await q.query(`CREATE INDEX projects_client_id ON projects (client_id)`);
    await q.query(`CREATE TABLE sources (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      project_id uuid NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
      kind text NOT NULL CHECK (kind IN ('spec', 'traces')),
      sha256 char(64) NOT NULL,
      version int NOT NULL,
      filename text NOT NULL,
      size bigint NOT NULL,
      content bytea,
      path text,
      entry text,
      created_at timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT sources_project_kind_sha256 UNIQUE (project_id, kind, sha256),
      CONSTRAINT sources_project_kind_version UNIQUE (project_id, kind, version))`);
    await q.query(`CREATE TABLE audits (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      project_id uuid NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
      status text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'running', 'succeeded', 'failed')),
      progress jsonb NOT NULL DEFAULT '{"step":"ingest","percent":0}',
      error text,
      subject text,
      scores jsonb,
      inventory jsonb,
      plan jsonb,
      created_at timestamptz NOT NULL DEFAULT now(),
      started_at timestamptz,
      finished_at timestamptz)`);
    await q.query(`CREATE INDEX audits_project_id ON audits (project_id)`);
    await q.query(`CREATE TABLE findings (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      audit_id uuid NOT NULL REFERENCES audits(id) ON DELETE CASCADE,
      position int NOT NULL,
      fingerprint text NOT NULL,
      finding_id text NOT NULL,
      rule_id text NOT NULL,
      category text NOT NULL,
      severity text NOT NULL,
      title text NOT NULL,
      message text NOT NULL,
      endpoint jsonb,
      service text,
      evidence jsonb NOT NULL,
      affected jsonb,
      owasp text,
      metrics jsonb,
      CONSTRAINT findings_audit_fingerprint UNIQUE (audit_id, fingerprint))`);
    await q.query(`CREATE INDEX findings_audit_position ON findings (audit_id, position)`);
    await q.query(`CREATE TABLE artifacts (
      audit_id uuid NOT NULL REFERENCES audits(id) ON DELETE CASCADE,
      kind text NOT NULL,
      media_type text NOT NULL,
      etag text NOT NULL,
      content bytea NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (audit_id, kind))`);
    await q.query(`CREATE TABLE idempotency_keys (
      key text NOT NULL,
      route text NOT NULL,
      request_hash char(64) NOT NULL,
      status int NOT NULL,
      headers jsonb NOT NULL,
      body jsonb,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (key, route))`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['idempotency_keys', 'artifacts', 'findings', 'audits', 'sources', 'projects', 'clients']) {
      await q.query(`DROP TABLE IF EXISTS ${table}`);
    }
  }
}
