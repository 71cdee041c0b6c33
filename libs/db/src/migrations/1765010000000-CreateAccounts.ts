import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Accounts and the findings workflow: users with argon2id hashes, sessions and API tokens stored as SHA-256 of
 * the secret (the secret itself is only ever in the browser or the caller's hands), invitations, an audit log,
 * and per-project finding states, status history and comments keyed by fingerprint so they survive re-audits.
 * The findings list gets one index per filter it serves, and a trigram index for the text search.
 */
export class CreateAccounts1765010000000 implements MigrationInterface {
  name = 'CreateAccounts1765010000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    await q.query(`CREATE TABLE users (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      email text NOT NULL,
      name text NOT NULL DEFAULT '',
      role text NOT NULL CHECK (role IN ('consultant', 'client-admin', 'client-viewer')),
      client_id uuid REFERENCES clients(id) ON DELETE CASCADE,
      password_hash text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT users_role_client CHECK ((role = 'consultant') = (client_id IS NULL)))`);
    await q.query(`CREATE UNIQUE INDEX users_email ON users (lower(email))`);
    await q.query(`CREATE INDEX users_client ON users (client_id)`);
    await q.query(`CREATE TABLE sessions (
      token_hash char(64) PRIMARY KEY,
      user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      expires_at timestamptz NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now())`);
    await q.query(`CREATE INDEX sessions_user ON sessions (user_id)`);
    await q.query(`CREATE INDEX sessions_expires ON sessions (expires_at)`);
    await q.query(`CREATE TABLE api_tokens (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      name text NOT NULL,
      token_hash char(64) NOT NULL UNIQUE,
      created_at timestamptz NOT NULL DEFAULT now(),
      last_used_at timestamptz,
      revoked_at timestamptz)`);
    await q.query(`CREATE INDEX api_tokens_user ON api_tokens (user_id, created_at)`);
    await q.query(`CREATE TABLE invitations (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      token_hash char(64) NOT NULL UNIQUE,
      client_id uuid NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
      email text NOT NULL,
      role text NOT NULL CHECK (role IN ('client-admin', 'client-viewer')),
      invited_by uuid REFERENCES users(id) ON DELETE SET NULL,
      expires_at timestamptz NOT NULL,
      accepted_at timestamptz,
      user_id uuid REFERENCES users(id) ON DELETE SET NULL,
      created_at timestamptz NOT NULL DEFAULT now())`);
    await q.query(`CREATE INDEX invitations_client ON invitations (client_id, created_at)`);
    // No foreign keys: the log outlives the users, clients and projects it mentions.
    await q.query(`CREATE TABLE audit_log (
      id bigserial PRIMARY KEY,
      at timestamptz NOT NULL DEFAULT now(),
      action text NOT NULL,
      actor_id uuid,
      actor_email text,
      client_id uuid,
      subject text,
      address text,
      detail jsonb NOT NULL DEFAULT '{}')`);
    await q.query(`CREATE INDEX audit_log_action ON audit_log (action, id)`);
    await q.query(`CREATE INDEX audit_log_client ON audit_log (client_id, id)`);
    await q.query(`CREATE TABLE finding_states (
      project_id uuid NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
      fingerprint text NOT NULL,
      status text NOT NULL CHECK (status IN ('open', 'acknowledged', 'in-progress', 'fixed', 'wont-fix', 'false-positive')),
      reason text,
      assignee_id uuid REFERENCES users(id) ON DELETE SET NULL,
      version int NOT NULL,
      updated_by uuid REFERENCES users(id) ON DELETE SET NULL,
      updated_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (project_id, fingerprint),
      CONSTRAINT finding_states_reason CHECK (status NOT IN ('wont-fix', 'false-positive') OR coalesce(reason, '') <> ''))`);
    await q.query(`CREATE INDEX finding_states_status ON finding_states (project_id, status)`);
    await q.query(`CREATE TABLE finding_status_changes (
      id bigserial PRIMARY KEY,
      project_id uuid NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
      fingerprint text NOT NULL,
      from_status text NOT NULL,
      to_status text NOT NULL,
      reason text,
      actor_id uuid REFERENCES users(id) ON DELETE SET NULL,
      changed_at timestamptz NOT NULL DEFAULT now())`);
    await q.query(`CREATE INDEX finding_status_changes_finding ON finding_status_changes (project_id, fingerprint, id)`);
    await q.query(`CREATE TABLE finding_comments (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      project_id uuid NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
      fingerprint text NOT NULL,
      author_id uuid REFERENCES users(id) ON DELETE SET NULL,
      body text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now())`);
    await q.query(`CREATE INDEX finding_comments_finding ON finding_comments (project_id, fingerprint, created_at)`);
    // The findings list: each filter walks its own index in position order, so a first page reads ~limit rows.
    await q.query(`CREATE INDEX findings_audit_severity ON findings (audit_id, severity, position)`);
    await q.query(`CREATE INDEX findings_audit_category ON findings (audit_id, category, position)`);
    await q.query(`CREATE INDEX findings_audit_endpoint ON findings (audit_id, ((endpoint->>'method') || ' ' || (endpoint->>'path')), position)`);
    await q.query(`CREATE INDEX findings_audit_finding_id ON findings (audit_id, finding_id)`);
    await q.query(`CREATE INDEX findings_search ON findings USING gin ((title || ' ' || message || ' ' || rule_id) gin_trgm_ops)`);
    await q.query(`CREATE INDEX audits_project_created ON audits (project_id, created_at, id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX audits_project_created`);
    await q.query(`DROP INDEX findings_search`);
    await q.query(`DROP INDEX findings_audit_finding_id`);
    await q.query(`DROP INDEX findings_audit_endpoint`);
    await q.query(`DROP INDEX findings_audit_category`);
    await q.query(`DROP INDEX findings_audit_severity`);
    await q.query(`DROP TABLE finding_comments`);
    await q.query(`DROP TABLE finding_status_changes`);
    await q.query(`DROP TABLE finding_states`);
    await q.query(`DROP TABLE audit_log`);
    await q.query(`DROP TABLE invitations`);
    await q.query(`DROP TABLE api_tokens`);
    await q.query(`DROP TABLE sessions`);
    await q.query(`DROP TABLE users`);
  }
}
