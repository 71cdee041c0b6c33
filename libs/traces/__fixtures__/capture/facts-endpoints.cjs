// Hand measurements over the raw capture, independent of apiaudit's code.
// Usage: node facts-endpoints.cjs <capture.jsonl> [driver scope suffix: -pg (default), -mysql].
const { readCapture, attr } = require('./read-capture.cjs');
const dbScope = process.argv[3] || '-pg';
const { spans, byTrace } = readCapture(process.argv[2]);
const statementOf = (s) => attr(s, 'db.query.text') ?? attr(s, 'db.statement');
const ms = (s) => (Number(BigInt(s.endTimeUnixNano) - BigInt(s.startTimeUnixNano)) / 1e6);
const median = (a) => { const b = [...a].sort((x, y) => x - y); return b.length ? b[b.length >> 1] : 0; };
const endpoints = {};
for (const [id, list] of byTrace) {
  const root = list.find((s) => !s.parentSpanId);
  const key = `${attr(root, 'http.request.method')} ${attr(root, 'http.route')}`;
  const e = (endpoints[key] ||= { n: 0, dur: [], pg: [], failedInserts: [], status: {}, paths: new Set(), self: [] });
  e.n++; e.dur.push(ms(root));
  const status = attr(root, 'http.response.status_code'); e.status[status] = (e.status[status] || 0) + 1;
  e.paths.add(String(attr(root, 'url.path')).replace(/[^/]+$/, (m) => (m === 'feed' ? 'feed' : '*')));
  const pg = list.filter((s) => s.scope.endsWith(dbScope));
  e.pg.push(pg.length);
  e.failedInserts.push(pg.filter((s) => s.status.code === 2 && /^insert/i.test(statementOf(s))).length);
  // longest stretch of the request not covered by any database span
  const db = pg.map((s) => [Number(BigInt(s.startTimeUnixNano) / 1000n), Number(BigInt(s.endTimeUnixNano) / 1000n)]).sort((a, b) => a[0] - b[0]);
  let covered = 0, end = -Infinity, start = -Infinity;
  for (const [a, b] of db) { if (a > end) { if (end > start) covered += end - start; start = a; end = b; } else end = Math.max(end, b); }
  if (db.length) covered += end - start;
  e.self.push(ms(root) - covered / 1000);
}
const rows = Object.entries(endpoints).map(([k, e]) => ({ endpoint: k, requests: e.n, status: JSON.stringify(e.status), p50ms: +median(e.dur).toFixed(1), selfP50ms: +median(e.self).toFixed(1), pgQueriesP50: median(e.pg), pgMax: Math.max(...e.pg), withFailedInserts: e.failedInserts.filter(Boolean).length, failedInsertsPerAffected: [Math.min(...e.failedInserts.filter(Boolean)), Math.max(...e.failedInserts)].join('-'), paths: [...e.paths].join(' ') }));
console.table(rows);
console.log('all requests p50 ms', median(Object.values(endpoints).flatMap((e) => e.dur)).toFixed(1), 'traces', byTrace.size, 'spans', spans.length);
const pgDur = spans.filter((s) => s.scope.endsWith(dbScope)).map(ms);
console.log(`${dbScope.slice(1)} span ms p50`, median(pgDur).toFixed(2), 'p90', [...pgDur].sort((a, b) => a - b)[Math.floor(pgDur.length * 0.9)].toFixed(2), 'n', pgDur.length);
const startsOnMs = spans.filter((s) => BigInt(s.startTimeUnixNano) % 1000000n === 0n).length;
console.log('spans whose start is a whole millisecond', startsOnMs, 'of', spans.length);
