import type { DataSource } from 'typeorm';

/** A project whose code is a GitHub repository source: what a push to that repository re-audits. */
export interface RepositoryLink {
  projectId: string;
  sourceId: string;
  /** The branch, tag or sha the source reads; null: the repository's default branch. */
  ref: string | null;
  /** The commit of its last scan, null before the first. */
  commitSha: string | null;
}

/** What outside events (a GitHub push) re-audit. */
export class ReauditTriggerRepository {
  constructor(private readonly db: DataSource) {}

  /** Every repository source of `owner/name` (GitHub names are case-insensitive), oldest first. */
  githubLinks(fullName: string): Promise<RepositoryLink[]> {
    return this.db.query(
      `SELECT project_id AS "projectId", id AS "sourceId", ref, commit_sha AS "commitSha" FROM sources
       WHERE kind = 'repository' AND lower(repository) = lower($1) ORDER BY created_at, id`,
      [fullName],
    );
  }
}
