import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { extractTarball, type ExtractLimits } from './extract-tarball';
import { formatGithubRef, GithubSourceInputError, type GithubRepoRef } from './github-ref';
import { createGithubClient } from './github-client';

export interface GithubFetchOptions {
  /** API root; a local server of recorded responses in tests, GitHub Enterprise's `/api/v3` in production. */
  baseUrl?: string;
  token?: string;
  /** Folder to unpack into; a new temp folder when absent. */
  destination?: string;
  limits?: Partial<ExtractLimits>;
}

export interface FetchedRepository {
  path: string;
  /** The commit the checkout is at: re-audits of the same sha are comparable. */
  sha: string;
  ref: string;
  files: number;
}

const DEFAULT_LIMITS: ExtractLimits = { maxFiles: 50_000, maxBytes: 512 * 1024 * 1024 };

function explain(error: unknown, repo: GithubRepoRef): Error {
  const status = (error as { status?: number }).status;
  const label = formatGithubRef(repo);
  if (status === 404) return new GithubSourceInputError(`${label}: repository or ref not found (or no access with this token)`);
  if (status === 401) return new GithubSourceInputError(`${label}: GitHub rejected the token (HTTP 401)`);
  if (status === 403 || status === 429) {
    return new GithubSourceInputError(`${label}: GitHub refused the request (HTTP ${status}, rate limit or permissions)`);
  }
  return error instanceof Error ? error : new Error(String(error));
}

/** Resolves the ref to a commit, downloads that commit's tarball through the REST API and unpacks it. */
export async function fetchGithubRepository(repo: GithubRepoRef, options: GithubFetchOptions = {}): Promise<FetchedRepository> {
  const octokit = await createGithubClient(options);
  try {
    const ref = repo.ref ?? (await octokit.rest.repos.get({ owner: repo.owner, repo: repo.name })).data.default_branch;
    const commit = await octokit.rest.repos.getCommit({ owner: repo.owner, repo: repo.name, ref });
    const sha = commit.data.sha;
    const archive = await octokit.rest.repos.downloadTarballArchive({ owner: repo.owner, repo: repo.name, ref: sha });
    const destination = options.destination ?? mkdtempSync(join(tmpdir(), `apiaudit-${repo.owner}-${repo.name}-`));
    const files = await extractTarball(Buffer.from(archive.data as ArrayBuffer), destination, {
      ...DEFAULT_LIMITS,
      ...options.limits,
    });
    return { path: destination, sha, ref, files };
  } catch (error) {
    throw explain(error, repo);
  }
}
