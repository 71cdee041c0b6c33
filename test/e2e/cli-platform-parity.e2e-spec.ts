import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Queue, QueueEvents } from 'bullmq';
import { AUDIT_QUEUE, type AuditResult } from '@apiaudit/domain';
import { redisConnection } from '@apiaudit/db';
import { runCli } from '../../apps/cli/src/run-cli';
import { createProject, startTestPlatform, type TestPlatform } from '../setup/platform';
import { TEST_REDIS_URL, testQueuePrefix } from '../setup/test-env';

jest.setTimeout(120000);

const shop = resolve(__dirname, '../../examples/shop');

/**
 * A client's apiaudit.yaml touching every part of an audit: a spec rule off, a severity changed, a suppression, a
 * trace threshold (read by the worker's separate trace job), prices, and the deprecation window of the diff.
 */
const CONFIG = `rules:
  operation-missing-summary: off
  number-without-bounds: high
suppressions:
  - rule: server-plain-http
    reason: the plain-HTTP server is the local one
traces:
  trace-slow-query: { slowMs: 5000 }
pricing:
  samplingRate: 0.5
diff:
  minDeprecationDays: 30
`;

type Compared = Pick<AuditResult['findings'][number], 'fingerprint' | 'ruleId' | 'severity' | 'message' | 'endpoint' | 'evidence'>;

function comparable(findings: Compared[]): Compared[] {
  return findings
    .map(({ fingerprint, ruleId, severity, message, endpoint, evidence }) => ({
      fingerprint,
      ruleId,
      severity,
      message,
      endpoint: endpoint ?? null,
      // Where each finding points: spec file, line and pointer, code file and line, trace and span. The CLI names the
      // previous spec by the path it was given (previous/openapi.yaml), the platform by its upload name.
      evidence: evidence.map(({ kind, file, line, pointer, traceId, spanId }) => ({ kind, file: file?.replace(/^previous\//, ''), line, pointer, traceId, spanId })),
    }))
    .sort((a, b) => a.fingerprint.localeCompare(b.fingerprint));
}

let platform: TestPlatform;
let dir: string;

beforeAll(async () => {
  platform = await startTestPlatform();
  dir = mkdtempSync(join(tmpdir(), 'apiaudit-parity-'));
});

afterAll(async () => {
  await platform?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the CLI and the platform audit the same inputs alike', () => {
  it('gives the same findings, fingerprints and scores for a spec, its previous version, traces, a repository and a config', async () => {
    const spec = readFileSync(join(shop, 'openapi.yaml'), 'utf8');
    // The new version drops an operation: a breaking change that both read through the deprecation window.
    const revision = spec.replace(/\n {2}\/v1\/customers\/\{customerId\}\/orders:\n(?: {4,}.*\n|\n)*/, '\n');
    expect(revision).not.toBe(spec);
    mkdirSync(join(dir, 'previous'));
    writeFileSync(join(dir, 'previous/openapi.yaml'), spec);
    writeFileSync(join(dir, 'openapi.yaml'), revision);
    writeFileSync(join(dir, 'apiaudit.yaml'), CONFIG);
    const traces = join(shop, 'traces/shop.otlp.jsonl');
    // The repository: a folder for the CLI, the same tree as a tar.gz for the platform (both named `shop`).
    cpSync(join(shop, 'src'), join(dir, 'shop/src'), { recursive: true });
    execFileSync('tar', ['-czf', join(dir, 'shop.tar.gz'), '-C', join(dir, 'shop'), 'src']);

    const cli = await runCli(['audit', '--spec', 'openapi.yaml', '--previous-spec', 'previous/openapi.yaml', '--traces', traces, '--repo', 'shop', '--config', 'apiaudit.yaml', '--out', 'out', '--no-pdf'], { cwd: dir });
    expect(cli.stderr).not.toMatch(/error/i);
    const viaCli = JSON.parse(readFileSync(join(dir, 'out/findings.json'), 'utf8')) as AuditResult;

    const http = platform.http;
    const projectId = await createProject(http, 'Parity client', 'Parity project');
    await http.put(`/v1/projects/${projectId}/config`).set('content-type', 'application/yaml').send(CONFIG).expect(200);
    await http.post(`/v1/projects/${projectId}/sources?filename=openapi.yaml`).set('content-type', 'application/yaml').send(spec).expect(201);
    await http.post(`/v1/projects/${projectId}/sources?filename=openapi.yaml`).set('content-type', 'application/yaml').send(revision).expect(201);
    await http.post(`/v1/projects/${projectId}/sources?kind=traces`).attach('file', traces).expect(201);
    await http.post(`/v1/projects/${projectId}/sources?kind=repository&filename=shop.tar.gz`).set('content-type', 'application/gzip').send(readFileSync(join(dir, 'shop.tar.gz'))).expect(201);
    // The stored diff of version 2 is what the audit reads for its breaking changes.
    let diff = await http.get(`/v1/projects/${projectId}/sources/spec/versions/2/diff`);
    for (const deadline = Date.now() + 60_000; diff.status !== 200 && Date.now() < deadline; diff = await http.get(`/v1/projects/${projectId}/sources/spec/versions/2/diff`)) {
      await new Promise((r) => setTimeout(r, 200));
    }
    expect(diff.body.summary.breaking).toBeGreaterThan(0);

    let audit = (await http.post(`/v1/projects/${projectId}/audits`).expect(202)).body;
    for (const deadline = Date.now() + 90_000; audit.status !== 'succeeded' && audit.status !== 'failed' && Date.now() < deadline; ) {
      await new Promise((r) => setTimeout(r, 300));
      audit = (await http.get(`/v1/audits/${audit.id}`).expect(200)).body;
    }
    expect({ status: audit.status, error: audit.error }).toEqual({ status: 'succeeded', error: null });
    const viaPlatform: Compared[] = [];
    for (let next: string | null = `/v1/audits/${audit.id}/findings?limit=200`; next; ) {
      const page = (await http.get(next).expect(200)).body as { items: Compared[]; next: string | null };
      viaPlatform.push(...page.items);
      next = page.next;
    }

    // The config was applied on both sides, the trace threshold and the diff window included.
    const rules = new Set(viaCli.findings.map((f) => f.ruleId));
    expect(rules.has('operation-missing-summary')).toBe(false);
    expect(rules.has('server-plain-http')).toBe(false);
    expect(rules.has('trace-slow-query')).toBe(false);
    expect(rules.has('operation-removed')).toBe(true);
    expect(viaCli.findings.some((f) => f.evidence.some((e) => e.kind === 'code'))).toBe(true);
    expect(viaCli.findings.filter((f) => f.ruleId === 'number-without-bounds').map((f) => f.severity)).toEqual(['high']);

    expect(comparable(viaPlatform)).toEqual(comparable(viaCli.findings));
    expect(audit.scores).toEqual(viaCli.scores);
  });
});

describe('the worker and jobs it does not know', () => {
  it('fails a job with an unknown name at once, without retrying it', async () => {
    const connection = redisConnection(TEST_REDIS_URL);
    const queue = new Queue(AUDIT_QUEUE, { connection, prefix: testQueuePrefix() });
    const events = new QueueEvents(AUDIT_QUEUE, { connection, prefix: testQueuePrefix() });
    try {
      await events.waitUntilReady();
      const job = await queue.add('render-slides', { auditId: '00000000-0000-4000-8000-000000000000' }, { attempts: 3, backoff: { type: 'fixed', delay: 100 } });
      await expect(job.waitUntilFinished(events, 30_000)).rejects.toThrow(/unknown job 'render-slides'/);
      const failed = (await queue.getJob(job.id!))!;
      expect(await failed.getState()).toBe('failed');
      expect(failed.attemptsMade).toBe(1);
    } finally {
      await events.close();
      await queue.close();
    }
  });
});
