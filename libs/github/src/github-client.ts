import type { Octokit } from '@octokit/rest';

export interface GithubClientOptions {
  /** GitHub API root; GitHub Enterprise is `https://HOST/api/v3`. */
  baseUrl?: string;
  token?: string;
  /**
   * Longest wait for a rate limit to reset before a request is tried again (GitHub names the reset time in
   * `x-ratelimit-reset`, or `retry-after` for secondary limits). A longer wait fails the request instead: a worker
   * job has its own retries with backoff, and must not sit on its lock for an hour.
   */
  maxRateLimitWaitSeconds?: number;
  /** Tests only: milliseconds per second of waiting, so a recorded one-second reset does not take a second. */
  retryAfterBaseValue?: number;
  /**
   * Tests of other behaviour only: `false` turns throttling off. GitHub asks for a second between writes (creating
   * issues), which the throttle keeps; a test filing a hundred issues at a local stand-in need not.
   */
  throttle?: boolean;
}

/** Rate-limited requests are tried again this many times; server errors (5xx) too, by plugin-retry. */
const RATE_LIMIT_RETRIES = 2;

/**
 * The one way this lib builds its Octokit client, so fetching and exporting talk to GitHub alike: requests are
 * throttled (@octokit/plugin-throttling queues them and waits out a rate limit's reset) and retried on server
 * errors (@octokit/plugin-retry, 1 s then 4 s).
 */
export async function createGithubClient(options: GithubClientOptions): Promise<Octokit> {
  // @octokit/* are ESM-only; Node 20.19+ loads them from CommonJS with require().
  const [{ Octokit }, { throttling }, { retry }] = await Promise.all([import('@octokit/rest'), import('@octokit/plugin-throttling'), import('@octokit/plugin-retry')]);
  const maxWait = options.maxRateLimitWaitSeconds ?? 60;
  const shouldRetry = (retryAfter: number, _options: unknown, _octokit: unknown, retryCount: number) => retryCount < RATE_LIMIT_RETRIES && retryAfter <= maxWait;
  const Client = Octokit.plugin(throttling, retry);
  return new Client({
    ...(options.baseUrl ? { baseUrl: options.baseUrl } : {}),
    ...(options.token ? { auth: options.token } : {}),
    userAgent: 'apiaudit',
    throttle: {
      enabled: options.throttle ?? true,
      onRateLimit: shouldRetry,
      onSecondaryRateLimit: shouldRetry,
      ...(options.retryAfterBaseValue !== undefined ? { retryAfterBaseValue: options.retryAfterBaseValue } : {}),
    },
    retry: { retries: 2, ...(options.retryAfterBaseValue !== undefined ? { retryAfterBaseValue: options.retryAfterBaseValue } : {}) },
    // Callers turn failures into one clear error; Octokit's own console logging would repeat them.
    log: { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} },
  }) as unknown as Octokit;
}
