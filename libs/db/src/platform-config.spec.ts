import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_DATABASE_URL } from './data-source';
import { ConfigError, readPlatformConfig } from './platform-config';

describe('readPlatformConfig', () => {
  it('fills every setting from its default when the environment is empty', () => {
    expect(readPlatformConfig({})).toEqual({
      databaseUrl: DEFAULT_DATABASE_URL,
      redisUrl: 'redis://127.0.0.1:6379',
      port: 3000,
      queuePrefix: 'apiaudit',
      maxUploadBytes: 50 * 1024 * 1024,
      maxTraceBytes: 4 * 1024 ** 3,
      artifactDir: './var/artifacts',
      logLevel: 'info',
      sessionHours: 12,
      invitationDays: 7,
      trustProxy: false,
      signInLimitPerAccount: 10,
      signInLimitPerAddress: 50,
      cacheSeconds: 10,
      jobLockMs: 15_000,
      githubApiUrl: 'https://api.github.com',
      repositoryMaxFiles: 50_000,
      repositoryMaxBytes: 512 * 1024 * 1024,
      workerHeartbeatMs: 5000,
    });
  });

  it('reads the repository settings: the token key as hex or base64, the GitHub root, the unpack limits', () => {
    const key = 'ab'.repeat(32);
    const config = readPlatformConfig({ APIAUDIT_TOKEN_KEY: key, GITHUB_API_URL: 'https://ghe.example/api/v3', APIAUDIT_REPO_MAX_FILES: '10', APIAUDIT_REPO_MAX_BYTES: '2048' });
    expect(config).toMatchObject({ tokenKey: Buffer.from(key, 'hex'), githubApiUrl: 'https://ghe.example/api/v3', repositoryMaxFiles: 10, repositoryMaxBytes: 2048 });
    expect(readPlatformConfig({ APIAUDIT_TOKEN_KEY: Buffer.alloc(32, 7).toString('base64') }).tokenKey).toEqual(Buffer.alloc(32, 7));
    expect(() => readPlatformConfig({ APIAUDIT_TOKEN_KEY: 'hunter2', GITHUB_API_URL: 'ftp://x', APIAUDIT_REPO_MAX_FILES: '0' })).toThrow(
      /GITHUB_API_URL must be an http\(s\):\/\/ URL[\s\S]*APIAUDIT_TOKEN_KEY must be 32 bytes[\s\S]*APIAUDIT_REPO_MAX_FILES/,
    );
    // Each project has its own GitHub webhook secret now: a deploy still setting the old one is told so.
    expect(() => readPlatformConfig({ APIAUDIT_GITHUB_WEBHOOK_SECRET: 'x'.repeat(20) })).toThrow(/APIAUDIT_GITHUB_WEBHOOK_SECRET is no longer read: .*github-webhook-secret/);
  });

  it('reads the account settings and refuses nonsense in them', () => {
    const config = readPlatformConfig({ APIAUDIT_SESSION_HOURS: '8', APIAUDIT_INVITATION_DAYS: '2', APIAUDIT_TRUST_PROXY: 'loopback, 10.0.0.0/8', APIAUDIT_SIGNIN_LIMIT_PER_ACCOUNT: '3' });
    expect(config).toMatchObject({ sessionHours: 8, invitationDays: 2, trustProxy: 'loopback,10.0.0.0/8', signInLimitPerAccount: 3 });
    expect(readPlatformConfig({ APIAUDIT_TRUST_PROXY: '1' }).trustProxy).toBe(1);
    expect(readPlatformConfig({ APIAUDIT_TRUST_PROXY: 'true' }).trustProxy).toBe(true);
    expect(readPlatformConfig({ APIAUDIT_CACHE_SECONDS: '0' }).cacheSeconds).toBe(0);
    expect(() => readPlatformConfig({ APIAUDIT_CACHE_SECONDS: '1.5' })).toThrow(/APIAUDIT_CACHE_SECONDS must be an integer/);
    expect(() => readPlatformConfig({ APIAUDIT_SESSION_HOURS: '0', APIAUDIT_TRUST_PROXY: 'everyone', APIAUDIT_SIGNIN_LIMIT_PER_ADDRESS: '-1' })).toThrow(
      /APIAUDIT_SESSION_HOURS[\s\S]*APIAUDIT_TRUST_PROXY[\s\S]*APIAUDIT_SIGNIN_LIMIT_PER_ADDRESS/,
    );
  });

  it('reads each variable it documents', () => {
    const config = readPlatformConfig({
      DATABASE_URL: 'postgres://u@db:5432/audits',
      REDIS_URL: 'redis://cache:6380/2',
      PORT: '8080',
      APIAUDIT_QUEUE_PREFIX: 'staging',
      APIAUDIT_MAX_UPLOAD_BYTES: '1024',
      APIAUDIT_MAX_TRACE_BYTES: '2048',
      ARTIFACT_DIR: '/tmp/apiaudit-config-spec/artifacts',
      APIAUDIT_JOB_LOCK_MS: '5000',
      APIAUDIT_WORKER_HEARTBEAT_MS: '500',
      APIAUDIT_WORKER_FAULT: 'analyze:after',
      LOG_LEVEL: 'debug',
      PUPPETEER_EXECUTABLE_PATH: '/opt/chromium',
      GITHUB_API_URL: 'https://github.example/api/v3',
      GITHUB_TOKEN: 'ghp_example',
    });
    expect(config).toMatchObject({ githubApiUrl: 'https://github.example/api/v3', githubToken: 'ghp_example' });
    expect(() => readPlatformConfig({ GITHUB_API_URL: 'ftp://github.example' })).toThrow('GITHUB_API_URL must be an http(s):// URL');
    expect(config).toMatchObject({ databaseUrl: 'postgres://u@db:5432/audits', redisUrl: 'redis://cache:6380/2', port: 8080, queuePrefix: 'staging', maxUploadBytes: 1024, maxTraceBytes: 2048, artifactDir: '/tmp/apiaudit-config-spec/artifacts', logLevel: 'debug', chromiumPath: '/opt/chromium', jobLockMs: 5000, workerHeartbeatMs: 500, workerFault: { job: 'analyze', at: 'after' } });
  });

  it('lists every bad variable in one error', () => {
    let error: unknown;
    try {
      readPlatformConfig({ DATABASE_URL: 'mysql://x', REDIS_URL: 'http://cache:6379', PORT: 'eighty', LOG_LEVEL: 'loud', ARTIFACT_DIR: ' ' });
    } catch (thrown) {
      error = thrown;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const lines = (error as Error).message.split('\n');
    expect(lines[0]).toBe('invalid configuration:');
    expect(lines.slice(1)).toEqual([
      '  - DATABASE_URL must be a postgres:// URL',
      '  - REDIS_URL must be a redis:// URL',
      '  - PORT must be a port number',
      '  - LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent',
      '  - ARTIFACT_DIR must name a folder',
    ]);
  });

  it('refuses at start every variable that would fail later, all at once', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'apiaudit-config-')), 'a-file');
    writeFileSync(file, '');
    let error: unknown;
    try {
      readPlatformConfig({ PORT: '', APIAUDIT_MAX_UPLOAD_BYTES: '1e9', APIAUDIT_MAX_TRACE_BYTES: '-5', APIAUDIT_JOB_LOCK_MS: '10', APIAUDIT_WORKER_HEARTBEAT_MS: '99', APIAUDIT_WORKER_FAULT: 'sometimes', ARTIFACT_DIR: `${file}/below`, LOG_LEVEL: 'INFO', PUPPETEER_EXECUTABLE_PATH: 'chromium' });
    } catch (thrown) {
      error = thrown;
    }
    expect((error as Error).message.split('\n').slice(1)).toEqual([
      '  - PORT must be a port number',
      '  - APIAUDIT_MAX_UPLOAD_BYTES must be a positive integer',
      '  - APIAUDIT_MAX_TRACE_BYTES must be a positive integer',
      '  - APIAUDIT_JOB_LOCK_MS must be an integer from 1000 to 600000',
      '  - APIAUDIT_WORKER_HEARTBEAT_MS must be an integer from 100 to 60000',
      '  - APIAUDIT_WORKER_FAULT must be <job>:before, <job>:during or <job>:after',
      '  - PUPPETEER_EXECUTABLE_PATH must be an absolute path',
      '  - LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent',
      '  - ARTIFACT_DIR cannot be created: a file is on its path',
    ]);
  });

  it('refuses an ARTIFACT_DIR that is a file', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'apiaudit-config-')), 'artifacts');
    writeFileSync(file, '');
    expect(() => readPlatformConfig({ ARTIFACT_DIR: file })).toThrow('ARTIFACT_DIR is a file, not a folder');
  });
});
