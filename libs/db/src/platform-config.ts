import { DEFAULT_DATABASE_URL } from './data-source';

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

/** Flat env in, typed config out; every bad variable is listed at once so a deploy fails with the whole story. */
export function readPlatformConfig(env: NodeJS.ProcessEnv): PlatformConfig {
  const problems: string[] = [];
  const databaseUrl = env.DATABASE_URL ?? DEFAULT_DATABASE_URL;
  if (!validUrl(databaseUrl, ['postgres:', 'postgresql:'])) problems.push('DATABASE_URL must be a postgres:// URL');
  const redisUrl = env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  if (!validUrl(redisUrl, ['redis:', 'rediss:'])) problems.push('REDIS_URL must be a redis:// URL');
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) problems.push('PORT must be a port number');
  const maxUploadBytes = Number(env.APIAUDIT_MAX_UPLOAD_BYTES ?? 50 * 1024 * 1024);
  if (!Number.isInteger(maxUploadBytes) || maxUploadBytes <= 0) problems.push('APIAUDIT_MAX_UPLOAD_BYTES must be a positive integer');
  const maxTraceBytes = Number(env.APIAUDIT_MAX_TRACE_BYTES ?? 4 * 1024 ** 3);
  if (!Number.isInteger(maxTraceBytes) || maxTraceBytes <= 0) problems.push('APIAUDIT_MAX_TRACE_BYTES must be a positive integer');
  const queuePrefix = env.APIAUDIT_QUEUE_PREFIX ?? 'apiaudit';
  if (!/^[\w.-]+$/.test(queuePrefix)) problems.push('APIAUDIT_QUEUE_PREFIX may hold letters, digits, _ . - only');
  const logLevel = env.LOG_LEVEL ?? 'info';
  if (!(LOG_LEVELS as readonly string[]).includes(logLevel)) problems.push(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}`);
  const artifactDir = env.ARTIFACT_DIR ?? './var/artifacts';
  if (artifactDir.trim() === '') problems.push('ARTIFACT_DIR must name a folder');
  if (problems.length) throw new ConfigError(`invalid configuration:\n  - ${problems.join('\n  - ')}`);
  return {
    databaseUrl,
    redisUrl,
    port,
    queuePrefix,
    maxUploadBytes,
    maxTraceBytes,
    artifactDir,
    logLevel: logLevel as LogLevel,
    ...(env.PUPPETEER_EXECUTABLE_PATH ? { chromiumPath: env.PUPPETEER_EXECUTABLE_PATH } : {}),
  };
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
