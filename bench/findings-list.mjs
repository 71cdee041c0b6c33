// The portal's findings list under load: 10,000 findings in one audit, 50 concurrent clients asking for the
// first page of a filtered list through the running api (its own process, on loopback), measured with
// autocannon. Target: p95 under 50 ms. Runs the api as deployed (APIAUDIT_CACHE_SECONDS 10), then with no cache,
// and prints EXPLAIN ANALYZE of the exact query the api runs.
// BENCH_FINDINGS (default 10000), BENCH_SECONDS (default 10) and BENCH_CONNECTIONS (default 50) change the load.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import autocannon from 'autocannon';
import { consultantWithToken, freshPlatform, startApi } from './support/platform.mjs';

const require = createRequire(import.meta.url);
const db = require('../dist/libs/db/src/index.js');

const FINDINGS = Number(process.env.BENCH_FINDINGS ?? 10000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);

const SEVERITIES = ['critical', 'high', 'medium', 'low', 'info'];
const CATEGORIES = ['contract', 'errors', 'pagination', 'security', 'performance', 'naming', 'resilience', 'cost'];
const STATUSES = ['acknowledged', 'in-progress', 'fixed', 'wont-fix', 'false-positive'];

/** One audit with FINDINGS findings spread over 200 endpoints, a fifth of them triaged, some commented. */
async function seed(ds) {
  const [client] = await ds.query(`INSERT INTO clients (name) VALUES ('Bench Co') RETURNING id`);
  const [project] = await ds.query(`INSERT INTO projects (client_id, name) VALUES ($1, 'Big API') RETURNING id`, [client.id]);
  const [audit] = await ds.query(`INSERT INTO audits (project_id, status, progress) VALUES ($1, 'succeeded', '{"step":"done","percent":100}') RETURNING id`, [project.id]);
  // Position follows severity then reach, as the worker stores it: severity bands in order.
  await ds.query(
    `INSERT INTO findings (audit_id, position, fingerprint, finding_id, rule_id, category, severity, title, message, endpoint, service, evidence)
     SELECT $1, i, md5('fp' || i), 'rule-' || (i % 60) || ':' || left(md5('fp' || i), 10), 'rule-' || (i % 60),
       ($2::text[])[1 + (i * 7) % array_length($2::text[], 1)],
       ($3::text[])[1 + (i * 5 / $4)],
       'Finding ' || i || ' of rule ' || (i % 60),
       'The operation ' || (i % 200) || ' returns ' || (CASE WHEN i % 3 = 0 THEN 'an unbounded list' ELSE 'errors without problem details' END),
       jsonb_build_object('method', (ARRAY['GET','POST','PUT','DELETE'])[1 + i % 4], 'path', '/v1/resource' || (i % 200) || '/{id}'),
       'shop',
       jsonb_build_array(jsonb_build_object('kind', 'spec', 'file', 'openapi.yaml', 'line', 10 + i % 900, 'column', 5, 'pointer', '/paths/~1v1~1resource' || (i % 200)))
     FROM generate_series(0, $4 - 1) AS i`,
    [audit.id, CATEGORIES, SEVERITIES, FINDINGS],
  );
  const { userId, token } = await consultantWithToken(ds, 'bench@firm.example');
  await ds.query(
    `INSERT INTO finding_states (project_id, fingerprint, status, reason, version, updated_by)
     SELECT $1, md5('fp' || i), ($2::text[])[1 + i % 5], CASE WHEN i % 5 >= 3 THEN 'bench' END, 1, $3 FROM generate_series(0, $4 - 1, 5) AS i`,
    [project.id, STATUSES, userId, FINDINGS],
  );
  await ds.query(`INSERT INTO finding_comments (project_id, fingerprint, author_id, body) SELECT $1, md5('fp' || i), $2, 'looked at it' FROM generate_series(0, $3 - 1, 7) AS i`, [project.id, userId, FINDINGS]);
  await ds.query('ANALYZE');
  return { auditId: audit.id, projectId: project.id, token };
}

/**
 * CPU time the api process has used, in ms (utime + stime from /proc). Per request it is the figure that does
 * not depend on what else the machine runs; the latencies do.
 */
function cpuMsOf(pid) {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  } catch {
    return NaN;
  }
}

function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/** Runs autocannon against one URL; latencies are kept per request, so p95 is exact rather than bucketed. */
async function load(api, path, token, seconds) {
  const { port } = api;
  const latencies = [];
  const cpuBefore = cpuMsOf(api.child.pid);
  const instance = autocannon({
    url: `http://127.0.0.1:${port}${path}`,
    connections: CONNECTIONS,
    duration: seconds,
    headers: { authorization: `Bearer ${token}` },
  });
  instance.on('response', (_client, _status, _bytes, responseTime) => latencies.push(responseTime));
  const result = await instance;
  const cpuMs = cpuMsOf(api.child.pid) - cpuBefore;
  latencies.sort((x, y) => x - y);
  return {
    apiCpuMsPerRequest: +(cpuMs / result.requests.total).toFixed(2),
    requests: result.requests.total,
    bytesPerResponse: Math.round(result.throughput.total / result.requests.total),
    non2xx: result.non2xx,
    errors: result.errors,
    reqPerSec: Math.round(result.requests.average),
    p50Ms: +percentile(latencies, 50).toFixed(1),
    p95Ms: +percentile(latencies, 95).toFixed(1),
    p99Ms: +percentile(latencies, 99).toFixed(1),
  };
}

/**
 * EXPLAIN ANALYZE of the very query the repository sends for this filter, run five times after the load: the
 * fastest is printed, as the one least disturbed by whatever else the machine was doing.
 */
async function explain(ds, auditId, filter, sort) {
  const plans = [];
  const explaining = { query: async (sql, params) => (plans.push((await ds.query(`EXPLAIN (ANALYZE, BUFFERS) ${sql}`, params)).map((r) => r['QUERY PLAN']).join('\n')), []) };
  for (let i = 0; i < 5; i++) await new db.FindingWorkflowRepository(explaining).page(auditId, filter, sort, undefined, 50);
  const executionMs = (plan) => Number(/Execution Time: ([\d.]+)/.exec(plan)?.[1] ?? Infinity);
  return plans.sort((x, y) => executionMs(x) - executionMs(y))[0];
}

const platform = await freshPlatform();
const ds = await db.createDataSource(platform.databaseUrl).initialize();
let api;
try {
  const { auditId, token } = await seed(ds);
  const scenarios = [
    { name: 'findings-list-first-page', query: 'limit=50', filter: {}, sort: 'priority' },
    { name: 'findings-list-filtered', query: 'limit=50&severity=high&status=open', filter: { severity: ['high'], status: ['open'] }, sort: 'priority' },
    { name: 'findings-list-search', query: 'limit=50&q=unbounded&category=security', filter: { q: 'unbounded', category: ['security'] }, sort: 'priority' },
    { name: 'findings-list-endpoint-sorted', query: `limit=50&endpoint=${encodeURIComponent('GET /v1/resource8/{id}')}&sort=rule`, filter: { endpoint: 'GET /v1/resource8/{id}' }, sort: 'rule' },
  ];
  process.stdout.write(`load average ${readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')} on this machine before the run\n`);
  process.stdout.write(`${FINDINGS} findings in one audit, ${CONNECTIONS} connections, ${SECONDS} s per scenario after a 2 s warm-up\n`);
  // As deployed (credentials and pages of a succeeded audit remembered for 10 s), then with every request reading
  // the database: what a page costs when it is not cached, e.g. the first read after a status change.
  for (const cacheSeconds of [10, 0]) {
    api = await startApi({ ...platform.env, LOG_LEVEL: 'warn', APIAUDIT_CACHE_SECONDS: String(cacheSeconds) });
    for (const scenario of scenarios) {
      const path = `/v1/audits/${auditId}/findings?${scenario.query}`;
      await load(api, path, token, 2);
      const figures = await load(api, path, token, SECONDS);
      const target = cacheSeconds > 0 ? { targetP95Ms: 50 } : {};
      process.stdout.write(`${JSON.stringify({ name: scenario.name, cacheSeconds, findings: FINDINGS, connections: CONNECTIONS, query: scenario.query, ...figures, ...target })}\n`);
      if (cacheSeconds === 0) process.stdout.write(`${await explain(ds, auditId, scenario.filter, scenario.sort)}\n\n`);
    }
    await api.stop();
    api = undefined;
  }
} finally {
  await api?.stop();
  await ds.destroy();
  await platform.drop();
}
