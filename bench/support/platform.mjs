// The built platform as the scenarios that need it run it: a fresh PostgreSQL database and Redis queue prefix, the
// api and workers in processes of their own (dist/, as deployed), and a consultant's API token to call the api with.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';

const require = createRequire(import.meta.url);
const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const db = require('../../dist/libs/db/src/index.js');
const { hashSecret, newSecret } = require('../../dist/apps/api/src/auth/secrets.js');

const WORKER_MAIN = join(root, 'dist/apps/worker/src/main.js');
const SERVE_API = join(root, 'bench/support/serve-api.cjs');

/**
 * A migrated database and a queue prefix of this process's own, so a scenario never meets another's rows or jobs.
 * `drop()` removes both.
 */
export async function freshPlatform() {
  const url = new URL(process.env.TEST_DATABASE_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');
  url.pathname = `/apiaudit_bench_${process.pid}`;
  const databaseUrl = url.toString();
  const queuePrefix = `apiaudit-bench-${process.pid}`;
  const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  await db.migrate(databaseUrl);
  return {
    databaseUrl,
    queuePrefix,
    /** What the api and workers need to share the database and the queue. */
    env: { DATABASE_URL: databaseUrl, REDIS_URL: redisUrl, APIAUDIT_QUEUE_PREFIX: queuePrefix },
    async drop() {
      await db.dropDatabase(databaseUrl);
      await removeKeys(redisUrl, `${queuePrefix}:*`);
    },
  };
}

async function removeKeys(redisUrl, pattern) {
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: 1 });
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 500);
      cursor = next;
      if (keys.length) await redis.del(...keys);
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}

/** A consultant with an API token, stored directly: the api signs requests carrying the token in as that user. */
export async function consultantWithToken(ds, email) {
  const [user] = await ds.query(`INSERT INTO users (email, name, role, password_hash) VALUES ($1, 'Bench', 'consultant', 'unused') RETURNING id`, [email]);
  const token = newSecret('aa_');
  await ds.query(`INSERT INTO api_tokens (user_id, name, token_hash) VALUES ($1, 'bench', $2)`, [user.id, hashSecret(token)]);
  return { userId: user.id, token };
}

/**
 * A node process of the platform with its output kept (stdout and stderr together), so a scenario can wait for a
 * line and know when it arrived without polling.
 */
class PlatformProcess {
  constructor(script, args, env) {
    this.child = spawn(process.execPath, [...args, script], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    this.output = '';
    this.watchers = [];
    const keep = (chunk) => {
      const at = performance.now();
      this.output += chunk;
      const matched = this.watchers.filter((w) => w.pattern.test(this.output));
      this.watchers = this.watchers.filter((w) => !matched.includes(w));
      for (const watcher of matched) watcher.resolve(at);
    };
    this.child.stdout.on('data', keep);
    this.child.stderr.on('data', keep);
    // Errors are shown as they come, as when the process ran in a terminal; the rest is only kept.
    this.child.stderr.on('data', (chunk) => process.stderr.write(chunk));
    this.exited = new Promise((resolve) => this.child.once('exit', (code, signal) => resolve({ code, signal })));
  }

  get pid() {
    return this.child.pid;
  }

  /** Resolves with the `performance.now()` at which the output first matched `pattern`; rejects on exit or timeout. */
  when(pattern, timeoutMs) {
    if (pattern.test(this.output)) return Promise.resolve(performance.now());
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`process ${this.pid} never printed ${pattern} in ${timeoutMs} ms:\n${this.output.slice(-2000)}`)), timeoutMs);
      const watcher = { pattern, resolve: (at) => (clearTimeout(timer), resolve(at)) };
      this.watchers.push(watcher);
      this.exited.then(({ code, signal }) => {
        clearTimeout(timer);
        reject(new Error(`process ${this.pid} exited (${code ?? signal}) before printing ${pattern}:\n${this.output.slice(-2000)}`));
      });
    });
  }

  /** Sends `signal` (once) and waits for the exit; SIGKILL after `graceMs` if the process is still there. */
  async stop(signal = 'SIGTERM', graceMs = 10_000) {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill(signal);
    const timer = setTimeout(() => this.child.kill('SIGKILL'), graceMs);
    await this.exited;
    clearTimeout(timer);
  }
}

/** The built api on 127.0.0.1 and an ephemeral port; BENCH_CPU_PROF=<dir> profiles it. */
export async function startApi(env) {
  const profile = process.env.BENCH_CPU_PROF ? ['--cpu-prof', '--cpu-prof-dir', process.env.BENCH_CPU_PROF] : [];
  const api = new PlatformProcess(SERVE_API, profile, { ...process.env, ...env });
  await api.when(/port \d+/, 60_000);
  api.port = Number(/port (\d+)/.exec(api.output)[1]);
  api.base = `http://127.0.0.1:${api.port}`;
  return api;
}

/** One built worker process (dist/apps/worker/src/main.js), as deployed. */
export function startWorker(env) {
  return new PlatformProcess(WORKER_MAIN, [], { ...process.env, ...env });
}
