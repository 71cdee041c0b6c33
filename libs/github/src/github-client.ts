import type { Octokit } from '@octokit/rest';

export interface GithubClientOptions {
  /** GitHub API root; GitHub Enterprise is `https://HOST/api/v3`. */
  baseUrl?: string;
  token?: string;
}

/** The one way this lib builds its Octokit client, so fetching and exporting talk to GitHub alike. */
export async function createGithubClient(options: GithubClientOptions): Promise<Octokit> {
  // @octokit/rest is ESM-only; Node 20.19+ loads it from CommonJS with require().
  const { Octokit } = await import('@octokit/rest');
  return new Octokit({
    ...(options.baseUrl ? { baseUrl: options.baseUrl } : {}),
    ...(options.token ? { auth: options.token } : {}),
    userAgent: 'apiaudit',
    request: { retries: 0 },
    // Callers turn failures into one clear error; Octokit's own console logging would repeat them.
    log: { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} },
  });
}
