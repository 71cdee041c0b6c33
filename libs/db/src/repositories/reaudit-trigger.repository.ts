import type { DataSource } from 'typeorm';

/** A project whose code is a GitHub repository source: what a push to that repository re-audits. */
export interface RepositoryLink {
  projectId: string;
  sourceId: string;
  /** The branch, tag or sha the source reads; null: the repository's default branch. */
  ref: string | null;
  /** The commit of its last scan, null before the first. */
  commitSha: string | null;
  /** The project's GitHub webhook secret, sealed (githubWebhookSecretContext). */
  secretSealed: Buffer;
}

/** When a project's GitHub webhook secret was set; the secret itself is never read back for the API. */
export interface GithubSecretRecord {
  projectId: string;
  setAt: Date;
}

/** What outside events (a GitHub push) re-audit, and the secrets those events are verified with. */
export class ReauditTriggerRepository {
  constructor(private readonly db: DataSource) {}

  /**
   * Every repository source of `owner/name` (GitHub names are case-insensitive) whose project has a GitHub webhook
   * secret, oldest first: a project without one is never re-audited by a push.
   */
  githubLinks(fullName: string): Promise<RepositoryLink[]> {
    return this.db.query(
      `SELECT s.project_id AS "projectId", s.id AS "sourceId", s.ref, s.commit_sha AS "commitSha", g.secret_sealed AS "secretSealed"
       FROM sources s JOIN github_webhook_secrets g ON g.project_id = s.project_id
       WHERE s.kind = 'repository' AND lower(s.repository) = lower($1) ORDER BY s.created_at, s.id`,
      [fullName],
    );
  }

  /** Sets the project's secret, replacing the one before (a rotation). */
  async saveGithubSecret(projectId: string, secretSealed: Buffer): Promise<GithubSecretRecord> {
    const rows: GithubSecretRecord[] = await this.db.query(
      `INSERT INTO github_webhook_secrets (project_id, secret_sealed) VALUES ($1, $2)
       ON CONFLICT (project_id) DO UPDATE SET secret_sealed = EXCLUDED.secret_sealed, set_at = now()
       RETURNING project_id AS "projectId", set_at AS "setAt"`,
      [projectId, secretSealed],
    );
    return rows[0];
  }

  async findGithubSecret(projectId: string): Promise<GithubSecretRecord | null> {
    const rows: GithubSecretRecord[] = await this.db.query(`SELECT project_id AS "projectId", set_at AS "setAt" FROM github_webhook_secrets WHERE project_id = $1`, [projectId]);
    return rows[0] ?? null;
  }

  /** True when there was one to remove. */
  async removeGithubSecret(projectId: string): Promise<boolean> {
    const rows: { n: number }[] = await this.db.query(`WITH d AS (DELETE FROM github_webhook_secrets WHERE project_id = $1 RETURNING 1) SELECT count(*)::int AS n FROM d`, [projectId]);
    return rows[0].n > 0;
  }
}
