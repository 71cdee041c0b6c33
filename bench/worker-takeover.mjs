// How long an audit stands still when its worker is SIGKILLed mid-job, with the production stall settings
// (APIAUDIT_JOB_LOCK_MS unset: a 15 s lock, stalled checks every 5 s, attempts - 1 stalls allowed), and how it ends.
// Each round: a new project with the shop example (spec, traces, code as an uploaded tar.gz), one worker that
// freezes at BENCH_TAKEOVER_FAULT (default analyze:before) as a crashed one would, SIGKILL, and at once a fresh
// worker. Measured from the kill: when the fresh worker takes the job up (its log line), when the audit's progress
// moves (GET /v1/audits/{id} every 100 ms), and when the audit has succeeded, checked to have succeeded once.
// BENCH_TAKEOVER_ROUNDS (default 3) sets the rounds.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { median } from './measure.mjs';
import { consultantWithToken, freshPlatform, startApi, startWorker } from './support/platform.mjs';

const require = createRequire(import.meta.url);
const db = require('../dist/libs/db/src/index.js');
const { auditWorkerOptions } = require('../dist/apps/worker/src/audit.processor.js');

const shop = join(dirname(fileURLToPath(import.meta.url)), '../examples/shop');
const ROUNDS = Number(process.env.BENCH_TAKEOVER_ROUNDS ?? 3);
// Before its work: the frozen job is the audit's only one, so the audit waits for exactly that takeover. Frozen after
// a step's work (`analyze:after`), the next step is queued too, and whether the frozen worker had already taken it
// into its second slot is a race: the audit then waits for one takeover or for none.
const FAULT = process.env.BENCH_TAKEOVER_FAULT ?? 'analyze:before';
const [FAULT_JOB, FAULT_AT] = FAULT.split(':');
const POLL_MS = 100;
const AUDIT_TIMEOUT_MS = 300_000;
// The defaults a deployment runs with: what the worker derives from an unset APIAUDIT_JOB_LOCK_MS.
const defaults = db.readPlatformConfig({});
const stallSettings = auditWorkerOptions(defaults);

// Measured as deployed: a lock length left in the caller's shell would measure something else.
delete process.env.APIAUDIT_JOB_LOCK_MS;

const seconds = (ms) => Number((ms / 1000).toFixed(1));
const load1 = () => Number(loadavg()[0].toFixed(1));

const platform = await freshPlatform();
const ds = await db.createDataSource(platform.databaseUrl).initialize();
const artifactDir = mkdtempSync(join(tmpdir(), 'apiaudit-bench-artifacts-'));
// The workers' own TMPDIR: a worker reaps the Chromium profiles and repository folders of dead workers in its
// TMPDIR at start, and should meet only those of this run's workers.
const workerTmp = mkdtempSync(join(tmpdir(), 'apiaudit-bench-workers-'));
const running = new Set();
let api;

/** At LOG_LEVEL info a worker prints each job it takes up, which times the takeover. */
function workerEnv(fault) {
  return { ...platform.env, ARTIFACT_DIR: artifactDir, TMPDIR: workerTmp, LOG_LEVEL: 'info', HOME: process.env.HOME ?? workerTmp, APIAUDIT_WORKER_FAULT: fault ?? '' };
}

function worker(fault) {
  const started = startWorker(workerEnv(fault));
  running.add(started);
  started.exited.then(() => running.delete(started));
  return started;
}

let token;
async function call(method, path, body, contentType = 'application/json') {
  const res = await fetch(`${api.base}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body !== undefined ? { 'content-type': contentType } : {}) },
    ...(body !== undefined ? { body: contentType === 'application/json' ? JSON.stringify(body) : body } : {}),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text.slice(0, 500)}`);
  return text ? JSON.parse(text) : undefined;
}

/** The shop's code as an uploaded repository (a tar.gz of examples/shop/src), so the audit scans code too. */
const shopSource = spawnSync('tar', ['-czf', '-', '-C', join(shop, 'src'), ...readdirSync(join(shop, 'src'))], { maxBuffer: 1 << 26 }).stdout;

async function projectWithShop(round) {
  const client = await call('POST', '/v1/clients', { name: `Takeover ${round}` });
  const project = await call('POST', `/v1/clients/${client.id}/projects`, { name: 'Shop' });
  await call('POST', `/v1/projects/${project.id}/sources?filename=openapi.yaml`, readFileSync(join(shop, 'openapi.yaml')), 'application/yaml');
  await call('POST', `/v1/projects/${project.id}/sources?kind=traces&filename=shop.otlp.jsonl`, readFileSync(join(shop, 'traces/shop.otlp.jsonl')), 'application/x-ndjson');
  await call('POST', `/v1/projects/${project.id}/sources?kind=repository&filename=shop-src.tar.gz`, shopSource, 'application/gzip');
  return project.id;
}

/** Every change of the audit's status or progress after the kill, polled, until it has ended or the time is up. */
async function followAudit(auditId, killedAt) {
  const timeline = [];
  let last = '';
  for (;;) {
    const audit = await call('GET', `/v1/audits/${auditId}`);
    const seen = `${audit.status} ${audit.progress?.step} ${audit.progress?.percent}`;
    if (seen !== last) timeline.push({ s: seconds(performance.now() - killedAt), status: audit.status, step: audit.progress?.step, percent: audit.progress?.percent });
    last = seen;
    if (audit.status === 'succeeded' || audit.status === 'failed') return { audit, timeline };
    if (performance.now() - killedAt > AUDIT_TIMEOUT_MS) return { audit, timeline };
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
}

const count = async (sql, params) => Number((await ds.query(sql, params))[0].n);
const occurrences = (text, needle) => text.split(needle).length - 1;

/** Whether the audit ended as an undisturbed one does, once: one row, findings without duplicates, each artifact once, the plan step run once. */
async function succeededOnce(auditId, projectId, audit, timeline, workerLogs) {
  const artifacts = (await ds.query('SELECT kind FROM artifacts WHERE audit_id = $1', [auditId])).map((r) => r.kind);
  const findings = await count('SELECT count(*) AS n FROM findings WHERE audit_id = $1', [auditId]);
  const checks = {
    succeeded: audit.status === 'succeeded' && audit.error === null,
    neverFailed: timeline.every((t) => t.status !== 'failed'),
    oneAudit: (await count('SELECT count(*) AS n FROM audits WHERE project_id = $1', [projectId])) === 1,
    distinctFindings: findings > 0 && findings === (await count('SELECT count(DISTINCT fingerprint) AS n FROM findings WHERE audit_id = $1', [auditId])),
    artifactsOnce: new Set(artifacts).size === artifacts.length,
    planStepOnce: occurrences(workerLogs, `audit ${auditId}: plan (attempt`) === 1,
  };
  return { findings, artifacts: artifacts.sort(), failedChecks: Object.keys(checks).filter((k) => !checks[k]) };
}

async function round(n) {
  const doomed = worker(FAULT);
  const projectId = await projectWithShop(n);
  const auditId = (await call('POST', `/v1/projects/${projectId}/audits`, {})).id;
  await doomed.when(new RegExp(`froze in ${FAULT_JOB} \\S+ ${FAULT_AT}`), AUDIT_TIMEOUT_MS);
  const frozen = await call('GET', `/v1/audits/${auditId}`);
  const loadAtKill = load1();
  const killedAt = performance.now();
  doomed.child.kill('SIGKILL');
  const fresh = worker();
  // The fresh worker's first run of the frozen job: BullMQ moved it back to waiting and this worker took it up.
  const takenUp = fresh.when(new RegExp(`audit ${auditId}: ${FAULT_JOB} \\(attempt`), AUDIT_TIMEOUT_MS).catch(() => undefined);
  await doomed.exited;
  const { audit, timeline } = await followAudit(auditId, killedAt);
  const takenUpAt = audit.status === 'succeeded' ? await takenUp : undefined;
  const frozenAt = `${frozen.progress?.step} ${frozen.progress?.percent}`;
  const moved = timeline.find((t) => `${t.step} ${t.percent}` !== frozenAt);
  await fresh.stop();
  const once = await succeededOnce(auditId, projectId, audit, timeline, doomed.output + fresh.output);
  return {
    name: 'worker-takeover',
    round: n,
    fault: FAULT,
    lockMs: stallSettings.lockDuration,
    stalledIntervalMs: stallSettings.stalledInterval,
    maxStalledCount: stallSettings.maxStalledCount,
    takeoverS: takenUpAt === undefined ? null : seconds(takenUpAt - killedAt),
    progressMovedS: moved ? moved.s : null,
    succeededS: audit.status === 'succeeded' ? timeline.at(-1).s : null,
    status: audit.status,
    error: audit.error ?? null,
    succeededOnce: audit.status === 'succeeded' && once.failedChecks.length === 0,
    failedChecks: once.failedChecks,
    findings: once.findings,
    artifacts: once.artifacts,
    timeline,
    loadAverage: [loadAtKill, load1()],
  };
}

let cleaning;
const cleanUp = () => (cleaning ??= removeEverything());
async function removeEverything() {
  await Promise.all([...running].map((p) => p.stop('SIGKILL')));
  await api?.stop();
  await ds.destroy();
  await platform.drop();
  rmSync(artifactDir, { recursive: true, force: true });
  rmSync(workerTmp, { recursive: true, force: true });
}
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => cleanUp().finally(() => process.exit(130)));
}

try {
  token = (await consultantWithToken(ds, 'takeover@firm.example')).token;
  api = await startApi({ ...platform.env, ARTIFACT_DIR: artifactDir, LOG_LEVEL: 'warn' });
  process.stdout.write(
    `load average ${loadavg().map((l) => l.toFixed(2)).join(' ')} before the run; lock ${stallSettings.lockDuration} ms, stalled check every ` +
      `${stallSettings.stalledInterval} ms, ${stallSettings.maxStalledCount} stalls allowed; worker frozen at ${FAULT}, then SIGKILLed\n`,
  );
  const rounds = [];
  for (let n = 1; n <= ROUNDS; n++) {
    const line = await round(n);
    rounds.push(line);
    process.stdout.write(
      `worker-takeover round ${n}: taken over ${line.takeoverS ?? '-'} s after the kill, progress moved at ${line.progressMovedS ?? '-'} s, ` +
        `${line.status} at ${line.succeededS ?? '-'} s${line.succeededOnce ? ', once' : `; checks failed: ${line.failedChecks.join(', ') || line.error}`}; load ${line.loadAverage.join(' → ')}\n`,
    );
    process.stdout.write(`${JSON.stringify(line)}\n`);
  }
  const medianOf = (key) => {
    const values = rounds.map((r) => r[key]).filter((v) => v !== null);
    return values.length === rounds.length ? median(values) : null;
  };
  const summary = {
    name: 'worker-takeover-median',
    rounds: rounds.length,
    fault: FAULT,
    lockMs: stallSettings.lockDuration,
    takeoverS: medianOf('takeoverS'),
    progressMovedS: medianOf('progressMovedS'),
    succeededS: medianOf('succeededS'),
    succeededOnce: rounds.filter((r) => r.succeededOnce).length,
    loadAverage: Number(median(rounds.flatMap((r) => r.loadAverage)).toFixed(1)),
  };
  process.stdout.write(
    `worker-takeover median of ${summary.rounds}: taken over ${summary.takeoverS ?? '-'} s after the kill (lock ${summary.lockMs / 1000} s), ` +
      `succeeded at ${summary.succeededS ?? '-'} s; ${summary.succeededOnce} of ${summary.rounds} audits succeeded exactly once; load average ${summary.loadAverage}\n`,
  );
  process.stdout.write(`${JSON.stringify(summary)}\n`);
  if (summary.succeededOnce !== rounds.length) process.exitCode = 1;
} finally {
  await cleanUp();
}
