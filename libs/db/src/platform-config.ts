import { accessSync, constants, statSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import { DEFAULT_DATABASE_URL } from './data-source';
import { parseTokenKey } from './token-seal';

/** What the api and the worker read from the environment, checked once at start. */
export interface PlatformConfig {
  databaseUrl: string;
  redisUrl: string;
  port: number;
  chromiumPath?: string;
  /** BullMQ key prefix: lets several deployments (or test runs) share one Redis. */
  queuePrefix: string;
  /** Largest accepted upload, in bytes. */
  maxUploadBytes: number;
  /** Largest streamed trace export, in bytes. */
  maxTraceBytes: number;
  /** Where uploaded trace exports are kept; every worker must see the same folder. */
  artifactDir: string;
  logLevel: LogLevel;
  /** How long a sign-in lasts, in hours. */
  sessionHours: number;
  /** How long an invitation can be accepted, in days. */
  invitationDays: number;
  /**
   * Express's `trust proxy` setting: false (the default) trusts nobody; `true`, a hop count or a list of
   * addresses trusts the proxy's X-Forwarded-Proto/-For, which makes the session cookie Secure behind HTTPS
   * and rate limits sign-ins by the real client address.
   */
  trustProxy: boolean | number | string;
  /** Failed sign-ins allowed per account, and per client address, in each 15-minute window. */
  signInLimitPerAccount: number;
  signInLimitPerAddress: number;
  /**
   * How long an api instance remembers who a credential signs in and a finished audit's findings pages, in
   * seconds (0: not at all). Revocations, sign-outs and finding changes made through any api instance reach
   * every instance at once; the limit bounds how long a change made elsewhere (the admin command) takes to show.
   */
  cacheSeconds: number;
  /**
   * How long a worker's claim on a job lasts without renewal (renewed every half of it while the job runs). A
   * killed worker's job is taken over by another within about 1.3 times this.
   */
  jobLockMs: number;
  /** GitHub API root for exporting plans as issues and for repository sources (GitHub Enterprise: `https://HOST/api/v3`). */
  githubApiUrl: string;
  /** Token used for plan exports when the request brings none. */
  githubToken?: string;
  /** AES-256-GCM key that seals secrets at rest (GitHub tokens, webhook secrets); without it, none can be stored. */
  tokenKey?: Buffer;
  /** Limits on a repository's unpacked tree (uploaded archive or GitHub tarball). */
  repositoryMaxFiles: number;
  repositoryMaxBytes: number;
  /**
   * How often a worker writes its heartbeat key (which lives three times this). `GET /v1/status` counts live
   * workers from these keys, and an audit queued longer than the heartbeat's life with no worker says it waits for one.
   */
  workerHeartbeatMs: number;
  /**
   * Testing only: `<job>:<before|during|after>` makes this worker hang at that point of a job, so a test can kill
   * it there (`during`: where a step holds something to clean up, such as a repository scan's temp folder).
   */
  workerFault?: WorkerFault;
}

export interface WorkerFault {
  job: string;
  at: 'before' | 'during' | 'after';
}

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export class ConfigError extends Error {
  override name = 'ConfigError';
}

function validUrl(value: string, protocols: string[]): boolean {
  try {
    return protocols.includes(new URL(value).protocol);
  } catch {
    return false;
  }
}

/** A whole non-negative decimal number, the default when unset, undefined when malformed ('', '8e3', '-1', '0x10'). */
function integerOf(value: string | undefined, fallback: number): number | undefined {
  if (value === undefined) return fallback;
  return /^\d{1,15}$/.test(value.trim()) ? Number(value.trim()) : undefined;
}

/**
 * Why a folder setting cannot work, or undefined: it must be a folder, or not exist yet under a folder the process
 * may write to (the api and the worker create it on first use). Checked at start so a typo fails the deploy, not
 * the first upload.
 */
function folderProblem(path: string): string | undefined {
  if (path.trim() === '' || path.includes('\u0000')) return 'must name a folder';
  let probe = resolve(path);
  for (;;) {
    try {
      if (!statSync(probe).isDirectory()) return probe === resolve(path) ? 'is a file, not a folder' : 'cannot be created: a file is on its path';
      accessSync(probe, constants.W_OK);
      return undefined;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EACCES' || code === 'EROFS') return 'is not writable by this process';
      if (code === 'ENOTDIR') return 'cannot be created: a file is on its path';
      if (code !== 'ENOENT') return `cannot be used (${code ?? 'error'})`;
      const parent = dirname(probe);
      if (parent === probe) return 'cannot be created';
      probe = parent;
    }
  }
}

/** Flat env in, typed config out; every bad variable is listed at once so a deploy fails with the whole story. */
export function readPlatformConfig(env: NodeJS.ProcessEnv): PlatformConfig {
  const problems: string[] = [];
  const databaseUrl = env.DATABASE_URL ?? DEFAULT_DATABASE_URL;
  if (!validUrl(databaseUrl, ['postgres:', 'postgresql:'])) problems.push('DATABASE_URL must be a postgres:// URL');
  const redisUrl = env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  if (!validUrl(redisUrl, ['redis:', 'rediss:'])) problems.push('REDIS_URL must be a redis:// URL');
  const port = integerOf(env.PORT, 3000);
  if (port === undefined || port > 65535) problems.push('PORT must be a port number');
  const maxUploadBytes = integerOf(env.APIAUDIT_MAX_UPLOAD_BYTES, 50 * 1024 * 1024);
  if (!maxUploadBytes) problems.push('APIAUDIT_MAX_UPLOAD_BYTES must be a positive integer');
  const maxTraceBytes = integerOf(env.APIAUDIT_MAX_TRACE_BYTES, 4 * 1024 ** 3);
  if (!maxTraceBytes) problems.push('APIAUDIT_MAX_TRACE_BYTES must be a positive integer');
  const jobLockMs = integerOf(env.APIAUDIT_JOB_LOCK_MS, 15_000);
  if (jobLockMs === undefined || jobLockMs < 1000 || jobLockMs > 600_000) problems.push('APIAUDIT_JOB_LOCK_MS must be an integer from 1000 to 600000');
  const workerHeartbeatMs = integerOf(env.APIAUDIT_WORKER_HEARTBEAT_MS, 5000);
  if (workerHeartbeatMs === undefined || workerHeartbeatMs < 100 || workerHeartbeatMs > 60_000) problems.push('APIAUDIT_WORKER_HEARTBEAT_MS must be an integer from 100 to 60000');
  const fault = /^([a-z-]+):(before|during|after)$/.exec(env.APIAUDIT_WORKER_FAULT ?? '');
  if (env.APIAUDIT_WORKER_FAULT !== undefined && env.APIAUDIT_WORKER_FAULT !== '' && !fault) problems.push('APIAUDIT_WORKER_FAULT must be <job>:before, <job>:during or <job>:after');
  const chromiumPath = env.PUPPETEER_EXECUTABLE_PATH;
  if (chromiumPath !== undefined && chromiumPath !== '' && !isAbsolute(chromiumPath)) problems.push('PUPPETEER_EXECUTABLE_PATH must be an absolute path');
  const queuePrefix = env.APIAUDIT_QUEUE_PREFIX ?? 'apiaudit';
  if (!/^[\w.-]+$/.test(queuePrefix)) problems.push('APIAUDIT_QUEUE_PREFIX may hold letters, digits, _ . - only');
  const logLevel = env.LOG_LEVEL ?? 'info';
  if (!(LOG_LEVELS as readonly string[]).includes(logLevel)) problems.push(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}`);
  const artifactDir = env.ARTIFACT_DIR ?? './var/artifacts';
  const artifactProblem = folderProblem(artifactDir);
  if (artifactProblem) problems.push(`ARTIFACT_DIR ${artifactProblem}`);
  const sessionHours = Number(env.APIAUDIT_SESSION_HOURS ?? 12);
  if (!Number.isFinite(sessionHours) || sessionHours <= 0 || sessionHours > 24 * 90) problems.push('APIAUDIT_SESSION_HOURS must be a number of hours above 0 and at most 2160 (90 days)');
  const invitationDays = Number(env.APIAUDIT_INVITATION_DAYS ?? 7);
  if (!Number.isFinite(invitationDays) || invitationDays <= 0 || invitationDays > 90) problems.push('APIAUDIT_INVITATION_DAYS must be a number of days above 0 and at most 90');
  const trustProxy = readTrustProxy(env.APIAUDIT_TRUST_PROXY);
  if (trustProxy === undefined) problems.push('APIAUDIT_TRUST_PROXY must be true, false, a hop count, or a comma-separated list of addresses, subnets or loopback/linklocal/uniquelocal');
  const signInLimitPerAccount = Number(env.APIAUDIT_SIGNIN_LIMIT_PER_ACCOUNT ?? 10);
  if (!Number.isInteger(signInLimitPerAccount) || signInLimitPerAccount < 1) problems.push('APIAUDIT_SIGNIN_LIMIT_PER_ACCOUNT must be a positive integer');
  const signInLimitPerAddress = Number(env.APIAUDIT_SIGNIN_LIMIT_PER_ADDRESS ?? 50);
  if (!Number.isInteger(signInLimitPerAddress) || signInLimitPerAddress < 1) problems.push('APIAUDIT_SIGNIN_LIMIT_PER_ADDRESS must be a positive integer');
  const cacheSeconds = Number(env.APIAUDIT_CACHE_SECONDS ?? 10);
  if (!Number.isInteger(cacheSeconds) || cacheSeconds < 0 || cacheSeconds > 300) problems.push('APIAUDIT_CACHE_SECONDS must be an integer from 0 to 300');
  const githubApiUrl = (env.GITHUB_API_URL ?? '').trim() || 'https://api.github.com';
  if (!validUrl(githubApiUrl, ['https:', 'http:'])) problems.push('GITHUB_API_URL must be an http(s):// URL');
  const githubToken = env.GITHUB_TOKEN?.trim();
  const tokenKey = env.APIAUDIT_TOKEN_KEY ? parseTokenKey(env.APIAUDIT_TOKEN_KEY) : undefined;
  if (env.APIAUDIT_TOKEN_KEY && !tokenKey) problems.push('APIAUDIT_TOKEN_KEY must be 32 bytes as 64 hex digits or base64 (openssl rand -base64 32)');
  const repositoryMaxFiles = integerOf(env.APIAUDIT_REPO_MAX_FILES, 50_000);
  if (!repositoryMaxFiles) problems.push('APIAUDIT_REPO_MAX_FILES must be a positive integer');
  const repositoryMaxBytes = integerOf(env.APIAUDIT_REPO_MAX_BYTES, 512 * 1024 * 1024);
  if (!repositoryMaxBytes) problems.push('APIAUDIT_REPO_MAX_BYTES must be a positive integer');
  // Read by earlier versions: a deploy still setting it would expect pushes to be verified with it.
  if (env.APIAUDIT_GITHUB_WEBHOOK_SECRET !== undefined) problems.push('APIAUDIT_GITHUB_WEBHOOK_SECRET is no longer read: each project has its own GitHub webhook secret (PUT /v1/projects/{id}/github-webhook-secret); unset it');
  if (problems.length) throw new ConfigError(`invalid configuration:\n  - ${problems.join('\n  - ')}`);
  return {
    databaseUrl,
    redisUrl,
    port: port!,
    queuePrefix,
    maxUploadBytes: maxUploadBytes!,
    maxTraceBytes: maxTraceBytes!,
    artifactDir,
    logLevel: logLevel as LogLevel,
    sessionHours,
    invitationDays,
    trustProxy: trustProxy ?? false,
    signInLimitPerAccount,
    signInLimitPerAddress,
    cacheSeconds,
    jobLockMs: jobLockMs!,
    githubApiUrl,
    ...(githubToken ? { githubToken } : {}),
    repositoryMaxFiles: repositoryMaxFiles!,
    repositoryMaxBytes: repositoryMaxBytes!,
    ...(tokenKey ? { tokenKey } : {}),
    workerHeartbeatMs: workerHeartbeatMs!,
    ...(chromiumPath ? { chromiumPath } : {}),
    ...(fault ? { workerFault: { job: fault[1]!, at: fault[2] as WorkerFault['at'] } } : {}),
  };
}

function readTrustProxy(value: string | undefined): boolean | number | string | undefined {
  const text = (value ?? '').trim();
  if (text === '' || text === 'false') return false;
  if (text === 'true') return true;
  if (/^\d+$/.test(text)) return Number(text);
  const entries = text.split(',').map((entry) => entry.trim());
  const isAddressLike = (entry: string) => /^(loopback|linklocal|uniquelocal)$/.test(entry) || /^[0-9a-fA-F.:]+(\/\d{1,3})?$/.test(entry);
  return entries.every(isAddressLike) ? entries.join(',') : undefined;
}

/** BullMQ connection options from a redis:// URL. */
export function redisConnection(url: string): { host: string; port: number; password?: string; username?: string; db?: number; maxRetriesPerRequest: null } {
  const u = new URL(url);
  return {
    host: u.hostname,
    port: Number(u.port || 6379),
    ...(u.password ? { password: decodeURIComponent(u.password) } : {}),
    ...(u.username ? { username: decodeURIComponent(u.username) } : {}),
    ...(u.pathname.length > 1 ? { db: Number(u.pathname.slice(1)) } : {}),
    maxRetriesPerRequest: null,
  };
}
