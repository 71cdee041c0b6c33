import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { runAudit } from './index';

const shop = resolve(__dirname, '../../../examples/shop');
const now = new Date('2026-11-25T10:00:00Z');

describe('runAudit on the bundled shop sample', () => {
  let outcome: Awaited<ReturnType<typeof runAudit>>;
  const steps: string[] = [];

  beforeAll(async () => {
    outcome = await runAudit(
      {
        subject: '',
        specs: [{ kind: 'path', path: resolve(shop, 'openapi.yaml'), label: 'examples/shop/openapi.yaml' }],
        traces: [{ path: resolve(shop, 'traces/shop.otlp.jsonl'), label: 'examples/shop/traces/shop.otlp.jsonl' }],
        repos: [],
      },
      { now, onProgress: (step, done, total) => steps.push(`${step} ${done}/${total}`) },
    );
  }, 60000);

  const has = (ruleId: string, method?: string, path?: string) =>
    outcome.result.findings.some((f) => f.ruleId === ruleId && (!method || (f.endpoint?.method === method && f.endpoint?.path === path)));

  it('finds the spec defects the sample was written with, pointing into the spec by its given path', () => {
    expect(has('api-key-in-query', 'POST', '/v1/payments')).toBe(true);
    expect(has('server-plain-http')).toBe(true);
    expect(has('list-endpoint-unbounded', 'GET', '/v1/orders')).toBe(true);
    expect(has('example-invalid')).toBe(true);
    const key = outcome.result.findings.find((f) => f.ruleId === 'api-key-in-query')!;
    expect(key.evidence[0]).toMatchObject({ kind: 'spec', file: 'examples/shop/openapi.yaml', line: 134 });
  });

  it('finds the traffic problems on the right endpoints and workload', () => {
    expect(has('trace-n-plus-one-query', 'GET', '/v1/orders/{orderId}')).toBe(true);
    expect(has('trace-sequential-calls', 'GET', '/v1/customers/{customerId}/orders')).toBe(true);
    expect(has('trace-slow-query', 'GET', '/v1/products')).toBe(true);
    const n1 = outcome.result.findings.find((f) => f.ruleId === 'trace-n-plus-one-query')!;
    expect(n1.service).toBe('shop-api');
    expect(n1.evidence[0].traceId).toMatch(/^[0-9a-f]{32}$/);
  });

  it('merges spec and traffic into one inventory without drift for the documented API', () => {
    expect(outcome.result.inventory).toHaveLength(8);
    expect(outcome.result.inventory.every((e) => e.seenIn.join() === 'spec,trace' && (e.traffic?.requests ?? 0) > 0)).toBe(true);
    expect(outcome.result.findings.filter((f) => f.category === 'drift')).toEqual([]);
  });

  it('orders findings by severity, scores them and plans high ones for now', () => {
    const ranks = outcome.result.findings.map((f) => ['info', 'low', 'medium', 'high', 'critical'].indexOf(f.severity));
    expect(ranks).toEqual([...ranks].sort((a, b) => b - a));
    expect(outcome.result.scores.overall).toBeGreaterThan(0);
    expect(outcome.result.scores.overall).toBeLessThan(60);
    expect(outcome.plan.subject).toBe('Shop API 1.4.0');
    const n1 = outcome.plan.items.find((i) => i.ruleId === 'trace-n-plus-one-query')!;
    expect(n1.horizon).toBe('now');
    expect(n1.target).toEqual({ metric: 'db.queriesPerRequest', comparator: '<=', value: 2, current: expect.any(Number) });
    expect(n1.target.current).toBeGreaterThan(2);
    expect(n1.measure).toMatch(/^Queries per request of GET \/v1\/orders\/\{orderId\}: from [\d.]+ to at most 2\.$/);
    expect(outcome.plan.items.map((i) => i.rank)).toEqual(outcome.plan.items.map((_, i) => i + 1));
  });

  it('renders the plan with cost drivers and reports progress per step', () => {
    expect(outcome.html).toContain('<h2>Cost drivers</h2>');
    expect(outcome.html).toContain('Shop API 1.4.0');
    expect(steps[0]).toBe('ingest 0/1');
    expect(steps.at(-1)).toBe('plan 1/1');
  });

  it('honours apiaudit.yaml: rules off, severity overrides, suppressions with a reason', async () => {
    const fingerprint = outcome.result.findings.find((f) => f.ruleId === 'server-plain-http')!.fingerprint;
    const configured = await runAudit(
      {
        subject: 'configured',
        specs: [{ kind: 'path', path: resolve(shop, 'openapi.yaml') }],
        traces: [],
        repos: [],
        configText: {
          file: 'apiaudit.yaml',
          text: `rules:\n  example-invalid: off\n  api-key-in-query: critical\nsuppressions:\n  - fingerprint: ${fingerprint}\n    reason: staging is on a private network\n`,
        },
      },
      { now },
    );
    const ids = configured.result.findings.map((f) => f.ruleId);
    expect(ids).not.toContain('example-invalid');
    expect(ids).not.toContain('server-plain-http');
    expect(configured.result.findings[0]).toMatchObject({ ruleId: 'api-key-in-query', severity: 'critical' });
    expect((configured.result as { suppressed?: number }).suppressed).toBe(1);
  });

  it('reports a re-audit against a baseline as fixed, open and new', async () => {
    const baseline = { ...outcome.result, findings: [...outcome.result.findings, { ...outcome.result.findings[0], fingerprint: 'gone', id: 'x:gone' }] };
    const again = await runAudit(
      { subject: 'again', specs: [{ kind: 'path', path: resolve(shop, 'openapi.yaml') }], traces: [], repos: [], baseline },
      { now },
    );
    expect(again.html).toContain('Since the baseline');
    // The re-audit reads no traces: the baseline's 6 traffic findings and the made-up one are fixed, the 28 spec ones stay open.
    expect(outcome.result.findings.filter((f) => f.evidence.some((e) => e.kind === 'trace'))).toHaveLength(6);
    expect(again.result.findings).toHaveLength(28);
    expect(again.html).toContain('Regressed: <b>0</b> · new: <b>0</b> · fixed: <b>7</b> · still open: 28');
  });

  it('adds code routes and resilience gaps from the source tree, and flags the undocumented route as drift', async () => {
    const withCode = await runAudit(
      { subject: 'code', specs: [{ kind: 'path', path: resolve(shop, 'openapi.yaml') }], traces: [], repos: [{ path: resolve(shop, 'src'), label: 'examples/shop/src' }] },
      { now },
    );
    const drift = withCode.result.findings.filter((f) => f.ruleId === 'drift-undocumented-endpoint');
    expect(drift.map((f) => `${f.endpoint?.method} ${f.endpoint?.path}`)).toEqual(['GET /internal/metrics']);
    expect(drift[0].evidence[0]).toMatchObject({ kind: 'code', file: 'examples/shop/src/server.ts', line: 14 });
    expect(withCode.result.inventory.find((e) => e.path === '/v1/orders/{orderId}' && e.method === 'GET')?.seenIn).toEqual(['spec', 'code']);
    expect(withCode.result.findings.some((f) => f.ruleId === 'code-retry-without-backoff' && f.endpoint?.path === '/v1/payments')).toBe(true);
  });
});

describe('runAudit drift across spec, code and traffic', () => {
  it('adds the shop source: code joins the inventory and its undocumented route is drift', async () => {
    const outcome = await runAudit(
      {
        subject: '',
        specs: [{ kind: 'path', path: resolve(shop, 'openapi.yaml'), label: 'examples/shop/openapi.yaml' }],
        traces: [{ path: resolve(shop, 'traces/shop.otlp.jsonl'), label: 'examples/shop/traces/shop.otlp.jsonl' }],
        repos: [{ path: resolve(shop, 'src'), label: 'src' }],
      },
      { now },
    );
    const row = (path: string) => outcome.result.inventory.find((e) => e.path === path);
    expect(row('/internal/metrics')).toMatchObject({ method: 'GET', seenIn: ['code'], drift: 'undocumented' });
    expect(row('/v1/orders/{orderId}')).toMatchObject({ seenIn: ['spec', 'code', 'trace'] });
    expect(outcome.result.inventory.filter((e) => e.drift).map((e) => `${e.drift} ${e.method} ${e.path}`)).toEqual(['undocumented GET /internal/metrics']);
    const drift = outcome.result.findings.filter((f) => f.category === 'drift');
    expect(drift.map((f) => `${f.ruleId} ${f.evidence[0].file}:${f.evidence[0].line}`)).toEqual(['drift-undocumented-endpoint src/server.ts:14']);
  }, 60000);

  // The RealWorld spec documents paths without /api; the back ends route under /api. Fetched outside the repository.
  const nest = [process.env.APIAUDIT_REALWORLD_DIR, resolve(__dirname, '../../../../ext'), resolve(__dirname, '../../../../../ext')]
    .filter((d): d is string => !!d)
    .map((d) => resolve(d, 'nestjs-realworld-example-app'))
    .find((d) => existsSync(d));
  (nest ? it : it.skip)(`matches a RealWorld back end under /api to the spec without it${nest ? '' : ' (skipped: nestjs-realworld-example-app not fetched)'}`, async () => {
    const outcome = await runAudit(
      { subject: '', specs: [{ kind: 'path', path: resolve(__dirname, '../../../../shared/corpus/specs/realworld-conduit-1.1.0.yml') }], traces: [], repos: [{ path: nest! }] },
      { now },
    );
    const drifted = outcome.result.inventory.filter((e) => e.drift).map((e) => `${e.drift} ${e.method} ${e.path}`);
    // The two routes the app adds beyond the spec; all 19 documented operations are routed.
    expect(drifted.sort()).toEqual(['undocumented DELETE /users/{slug}', 'undocumented GET /']);
    expect(outcome.result.inventory.filter((e) => e.seenIn.includes('spec') && e.seenIn.includes('code'))).toHaveLength(19);
  }, 60000);
});
