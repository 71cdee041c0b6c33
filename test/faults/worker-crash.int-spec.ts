import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Client } from 'pg';
import { processesMentioning } from '@apiaudit/host';
import { findChromium } from '@apiaudit/pdf';
import { buildTarGz, membersOf } from '../../libs/github/src/__fixtures__/build-archives';
import { testDatabaseUrl } from '../setup/test-env';
import { postJson, send, startListeningApi, type ListeningApi } from './listening-api';
import { waitUntil, WorkerProcess } from './worker-process';

// Real processes on a shared machine: generous bounds.
jest.setTimeout(180_000);

const shop = resolve(__dirname, '../../examples/shop');
/** Short locks so a killed worker's job is taken over in about 7 s (production default: 15 s); shorter ones stall
 * falsely on a loaded machine, where one analysis can hold the event loop for seconds. */
const LOCK_MS = 5000;
const chromium = findChromium(process.env.PUPPETEER_EXECUTABLE_PATH);

/**
 * SIGKILL a worker during each step of an audit, once and twice: the audit completes exactly once, with the same
 * findings as an undisturbed run, no duplicate rows, and no orphaned Chromium or profile folder.
 */
describe('worker crashes (real worker processes on PostgreSQL and Redis)', () => {
  let api: ListeningApi;
  let db: Client;
  let browserTmp: string;
  const workers: WorkerProcess[] = [];
  let reference: { findings: number; artifacts: string[] };
  let shopSource: Buffer;

  const workerEnv = (fault?: string): Record<string, string> => ({
    ...api.env,
    LOG_LEVEL: 'warn',
    // As deployed: a home folder (Chromium keeps its settings under it; without one it writes them into TMPDIR).
    HOME: process.env.HOME ?? tmpdir(),
    APIAUDIT_JOB_LOCK_MS: String(LOCK_MS),
    // Each worker's Chromium profiles land here, so the test sees exactly the folders its workers leave.
    TMPDIR: browserTmp,
    ...(fault ? { APIAUDIT_WORKER_FAULT: fault } : {}),
  });
  const startWorker = (fault?: string) => {
    const worker = new WorkerProcess(workerEnv(fault));
    workers.push(worker);
    return worker;
  };
  const count = async (sql: string, params: unknown[]) => Number((await db.query(sql, params)).rows[0].n);

  beforeAll(async () => {
    api = await startListeningApi();
    db = new Client({ connectionString: testDatabaseUrl() });
    await db.connect();
    browserTmp = mkdtempSync(join(tmpdir(), 'apiaudit-faults-browsers-'));
    shopSource = await buildTarGz(membersOf(join(shop, 'src')));
  }, 60000);

  afterEach(async () => {
    await Promise.all(workers.splice(0).map((w) => w.kill()));
  });

  afterAll(async () => {
    await db?.end();
    await api?.close();
    if (browserTmp) rmSync(browserTmp, { recursive: true, force: true });
  });

  async function projectWithSources(): Promise<string> {
    const client = await postJson(api.base, '/v1/clients', { name: 'Crashes' });
    const projectId = (await postJson(api.base, `/v1/clients/${client.json.id}/projects`, { name: 'Shop' })).json.id as string;
    const spec = await send(api.base, 'POST', `/v1/projects/${projectId}/sources?filename=openapi.yaml`, { body: readFileSync(join(shop, 'openapi.yaml')), headers: { 'content-type': 'application/yaml' } });
    const traces = await send(api.base, 'POST', `/v1/projects/${projectId}/sources?kind=traces&filename=shop.otlp.jsonl`, { body: readFileSync(join(shop, 'traces/shop.otlp.jsonl')), headers: { 'content-type': 'application/x-ndjson' } });
    // The shop's code as an uploaded repository, so every audit has a scan-repositories step with a temp folder.
    const code = await send(api.base, 'POST', `/v1/projects/${projectId}/sources?kind=repository&filename=shop-src.tar.gz`, { body: shopSource, headers: { 'content-type': 'application/gzip' } });
    expect([spec.status, traces.status, code.status]).toEqual([201, 201, 201]);
    return projectId;
  }

  async function finished(auditId: string, timeoutMs = 60_000) {
    return waitUntil(
      `audit ${auditId} to finish`,
      async () => {
        const audit = (await send(api.base, 'GET', `/v1/audits/${auditId}`)).json;
        return audit.status === 'succeeded' || audit.status === 'failed' ? audit : undefined;
      },
      timeoutMs,
      200,
    );
  }

  async function stored(auditId: string, projectId: string) {
    return {
      audits: await count('SELECT count(*) AS n FROM audits WHERE project_id = $1', [projectId]),
      findings: await count('SELECT count(*) AS n FROM findings WHERE audit_id = $1', [auditId]),
      distinctFindings: await count('SELECT count(DISTINCT fingerprint) AS n FROM findings WHERE audit_id = $1', [auditId]),
      artifacts: (await db.query('SELECT kind FROM artifacts WHERE audit_id = $1 ORDER BY kind', [auditId])).rows.map((r) => r.kind as string),
    };
  }

  /** What workers left in their TMPDIR: Chromium processes and profiles, unpacked repositories, Chromium's socket
   * folders, anything else. */
  function leftovers() {
    return {
      browsers: processesMentioning(`--user-data-dir=${browserTmp}`),
      profiles: readdirSync(browserTmp).filter((n) => n.startsWith('apiaudit-chromium-')),
      folders: readdirSync(browserTmp).filter((n) => !n.startsWith('apiaudit-chromium-')),
    };
  }

  it('runs an undisturbed audit (the reference)', async () => {
    const projectId = await projectWithSources();
    const worker = startWorker();
    const auditId = (await postJson(api.base, `/v1/projects/${projectId}/audits`, {})).json.id as string;
    const audit = await finished(auditId);
    expect({ status: audit.status, error: audit.error }).toEqual({ status: 'succeeded', error: null });
    const rows = await stored(auditId, projectId);
    expect(rows.findings).toBeGreaterThan(5);
    if (chromium) expect(rows.artifacts).toContain('plan.pdf');
    reference = { findings: rows.findings, artifacts: rows.artifacts };
    await worker.stop();
  });

  /** Where each worker of a chain dies: frozen right after a step stored its work (before the job was marked
   * complete, the hardest moment to lose), or in the middle of printing with its Chromium running. */
  const KILL_POINTS: Record<string, string> = { ingest: 'ingest:after', scan: 'scan-repositories:during', traces: 'analyze-traces:after', analyze: 'analyze:after', render: 'render' };

  async function survivesKills(points: string[]): Promise<void> {
    const projectId = await projectWithSources();
    const doomed = (point: string) => (point === 'render' ? startWorker() : startWorker(point));
    let victim = doomed(points[0]!);
    const auditId = (await postJson(api.base, `/v1/projects/${projectId}/audits`, {})).json.id as string;
    for (let k = 0; k < points.length; k++) {
      const point = points[k]!;
      if (point === 'render') {
        const profile = `--user-data-dir=${join(browserTmp, `apiaudit-chromium-${victim.pid}-`)}`;
        await waitUntil(`Chromium of worker ${victim.pid}`, () => (processesMentioning(profile).length > 0 ? true : undefined), 60_000, 20);
      } else {
        const [job, at] = point.split(':') as [string, string];
        await victim.waitFor(new RegExp(`froze in ${job} \\S+ ${at}`), 60_000);
        if (at === 'during') expect(readdirSync(browserTmp).filter((n) => n.startsWith(`apiaudit-repo-${victim.pid}-`))).toHaveLength(1);
      }
      await victim.kill('SIGKILL');
      // The next worker starts while the killed one's lock runs out and takes the job over at its first stalled check.
      // Started after the kill, it reaps at its start what the killed one left (one started before would see it alive).
      const next = k + 1 < points.length ? doomed(points[k + 1]!) : startWorker();
      if (point === 'render') {
        // Over its pipe, Chromium sees its parent gone and exits by itself.
        await waitUntil('Chromium to exit with its worker', () => (processesMentioning(`apiaudit-chromium-${victim.pid}-`).length === 0 ? true : undefined), 10_000);
      }
      victim = next;
    }
    const audit = await finished(auditId);
    expect({ status: audit.status, error: audit.error, progress: audit.progress }).toEqual({ status: 'succeeded', error: null, progress: { step: 'done', percent: 100 } });
    expect(await stored(auditId, projectId)).toEqual({ audits: 1, findings: reference.findings, distinctFindings: reference.findings, artifacts: reference.artifacts });
    await victim.stop();
    // A later worker reaped at its start what the killed ones left.
    expect(leftovers()).toEqual({ browsers: [], profiles: [], folders: [] });
  }

  // One audit per case. Killing a worker stalls every job it holds, so each case kills in one step only: a chain
  // across steps would stall a slow job once per kill and legitimately exhaust its attempts.
  const steps = chromium ? ['ingest', 'scan', 'traces', 'analyze', 'render'] : ['ingest', 'scan', 'traces', 'analyze'];
  if (!chromium) console.warn('worker-crash: no Chromium; the render kills are SKIPPED');
  for (const step of steps) {
    for (const kills of [1, 2]) {
      it(`completes once after ${kills === 1 ? 'one SIGKILL' : 'two SIGKILLs'} of the worker during ${step}`, () => survivesKills(Array.from({ length: kills }, () => KILL_POINTS[step]!)));
    }
  }
});
