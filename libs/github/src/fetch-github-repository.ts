import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Octokit } from '@octokit/rest';
import { ArchiveInputError, unpackArchive, type ExtractLimits } from './unpack-archive';
import { formatGithubRef, GithubSourceInputError, type GithubRepoRef } from './github-ref';
import { createGithubClient, type GithubClientOptions } from './github-client';

export interface GithubFetchOptions extends GithubClientOptions {
  /** Folder to unpack into; a new temp folder when absent. */
  destination?: string;
  limits?: Partial<ExtractLimits>;
}

export interface ResolvedCommit {
  /** The ref asked for, or the repository's default branch. */
  ref: string;
  /** The commit the ref names now: an unchanged sha needs no new download or scan. */
  sha: string;
}

export interface FetchedRepository extends ResolvedCommit {
  path: string;
  files: number;
}

export const DEFAULT_REPOSITORY_LIMITS: ExtractLimits = { maxFiles: 50_000, maxBytes: 512 * 1024 * 1024 };

function explain(error: unknown, repo: GithubRepoRef): Error {
  const status = (error as { status?: number }).status;
  const label = formatGithubRef(repo);
  if (status === 404) return new GithubSourceInputError(`${label}: repository or ref not found (or no access with this token)`, status);
  if (status === 401) return new GithubSourceInputError(`${label}: GitHub rejected the token (HTTP 401)`, status);
  if (status === 403 || status === 429) {
    return new GithubSourceInputError(`${label}: GitHub refused the request (HTTP ${status}, rate limit or permissions)`, status);
  }
  if (error instanceof ArchiveInputError) return new GithubSourceInputError(`${label}: ${error.message}`);
  return error instanceof Error ? error : new Error(String(error));
}

async function commitOf(octokit: Octokit, repo: GithubRepoRef): Promise<ResolvedCommit> {
  const ref = repo.ref ?? (await octokit.rest.repos.get({ owner: repo.owner, repo: repo.name })).data.default_branch;
  const commit = await octokit.rest.repos.getCommit({ owner: repo.owner, repo: repo.name, ref });
  return { ref, sha: commit.data.sha };
}

/** The commit a ref (branch, tag or sha; the default branch when absent) names now: one or two small requests. */
export async function resolveGithubCommit(repo: GithubRepoRef, options: GithubClientOptions = {}): Promise<ResolvedCommit> {
  const octokit = await createGithubClient(options);
  try {
    return await commitOf(octokit, repo);
  } catch (error) {
    throw explain(error, repo);
  }
}

/** Downloads one commit's tarball (GitHub redirects to codeload; the client follows) and unpacks it safely. */
export async function downloadGithubCommit(repo: GithubRepoRef, commit: ResolvedCommit, options: GithubFetchOptions = {}): Promise<FetchedRepository> {
  const octokit = await createGithubClient(options);
  try {
    const archive = await octokit.rest.repos.downloadTarballArchive({ owner: repo.owner, repo: repo.name, ref: commit.sha });
    const destination = options.destination ?? mkdtempSync(join(tmpdir(), `apiaudit-${repo.owner}-${repo.name}-`));
    const files = await unpackArchive(Buffer.from(archive.data as ArrayBuffer), destination, {
      limits: { ...DEFAULT_REPOSITORY_LIMITS, ...options.limits },
      stripFirstSegment: true,
    });
    return { ...commit, path: destination, files };
  } catch (error) {
    throw explain(error, repo);
  }
}

/** Resolves the ref to a commit, downloads that commit's tarball through the REST API and unpacks it. */
export async function fetchGithubRepository(repo: GithubRepoRef, options: GithubFetchOptions = {}): Promise<FetchedRepository> {
  return downloadGithubCommit(repo, await resolveGithubCommit(repo, options), options);
}
