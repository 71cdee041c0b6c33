import type { RuleFixtures } from '@apiaudit/domain';
import type { Span } from '../span';
import { fixtureTraces } from './fixture-trace';

// Each detector's two cases: traces it reports on and the same traffic with the fix. The catalog test analyses
// both; the detector's own spec covers thresholds, config and evidence in more detail. Built on call: span ids
// come from a counter.
const FIXTURES: Record<string, () => RuleFixtures<Span[]>> = {
  'trace-n-plus-one-query': () => ({
    positive: fixtureTraces(6, (trace) => {
      const root = trace.server('shop', 'GET', '/orders/{id}', 0, 120);
      for (let i = 0; i < 12; i++) trace.db(root, 5 + i * 8, 6, `SELECT * FROM items WHERE id = ${i + 1}`);
    }),
    negative: fixtureTraces(6, (trace) => {
      const root = trace.server('shop', 'GET', '/orders/{id}', 0, 20);
      trace.db(root, 5, 8, 'SELECT * FROM items WHERE id = ANY($1)');
    }),
  }),
  'trace-chatty-service-calls': () => ({
    positive: fixtureTraces(5, (trace) => {
      const root = trace.server('bff', 'GET', '/feed', 0, 200);
      for (let i = 0; i < 8; i++) trace.call(root, 'profiles', 'GET', `/profiles/${i}`, 2 + i * 20, 15);
    }),
    negative: fixtureTraces(5, (trace) => {
      const root = trace.server('bff', 'GET', '/feed', 0, 40);
      trace.call(root, 'profiles', 'GET', '/profiles?ids=0,1,2,3,4,5,6,7', 2, 20);
    }),
  }),
  'trace-sequential-calls': () => ({
    positive: fixtureTraces(5, (trace) => {
      const root = trace.server('api', 'GET', '/dashboard', 0, 320);
      trace.call(root, 'users', 'GET', '/users/1', 2, 100);
      trace.call(root, 'billing', 'GET', '/invoices?user=1', 103, 100);
      trace.call(root, 'support', 'GET', '/tickets?user=1', 205, 100);
    }),
    negative: fixtureTraces(5, (trace) => {
      const root = trace.server('api', 'GET', '/dashboard', 0, 120);
      trace.call(root, 'users', 'GET', '/users/1', 2, 100);
      trace.call(root, 'billing', 'GET', '/invoices?user=1', 3, 100);
      trace.call(root, 'support', 'GET', '/tickets?user=1', 4, 100);
    }),
  }),
  'trace-retry-storm': () => ({
    positive: fixtureTraces(3, (trace) => {
      const root = trace.server('api', 'POST', '/checkout', 0, 400);
      for (let i = 0; i < 6; i++) trace.call(root, 'payments', 'POST', '/charges', 2 + i * 50, 40, { isError: i < 5 });
    }),
    negative: fixtureTraces(3, (trace) => {
      const root = trace.server('api', 'POST', '/checkout', 0, 400);
      trace.call(root, 'payments', 'POST', '/charges', 2, 40);
    }),
  }),
  'trace-high-fan-out': () => ({
    positive: fixtureTraces(4, (trace) => {
      const root = trace.server('gateway', 'GET', '/home', 0, 100);
      for (let i = 0; i < 30; i++) trace.call(root, `svc-${i}`, 'GET', '/widget', 1, 50);
    }),
    negative: fixtureTraces(4, (trace) => {
      const root = trace.server('gateway', 'GET', '/home', 0, 100);
      for (let i = 0; i < 4; i++) trace.call(root, `svc-${i}`, 'GET', '/widget', 1, 50);
    }),
  }),
  'trace-slow-query': () => ({
    positive: fixtureTraces(5, (trace, i) => {
      const root = trace.server('reports', 'GET', '/reports/{id}', 0, 1000);
      trace.db(root, 5, 800 + i * 10, `SELECT * FROM events WHERE account = ${i} ORDER BY ts`);
    }),
    negative: fixtureTraces(5, (trace, i) => {
      const root = trace.server('reports', 'GET', '/reports/{id}', 0, 100);
      trace.db(root, 5, 40, `SELECT * FROM events WHERE account = ${i} ORDER BY ts`);
    }),
  }),
  'trace-missing-cache': () => ({
    positive: fixtureTraces(12, (trace) => {
      const root = trace.server('shop', 'GET', '/config', 0, 30);
      trace.db(root, 2, 10, "SELECT value FROM settings WHERE name = 'theme'");
    }, 2000),
    negative: fixtureTraces(12, (trace) => {
      trace.server('shop', 'GET', '/config', 0, 3);
    }, 2000),
  }),
  'trace-long-sync-work': () => ({
    positive: fixtureTraces(6, (trace) => {
      const root = trace.server('render', 'GET', '/invoice.pdf', 0, 900);
      trace.internal(root, 'render-pdf', 5, 850);
      trace.db(root, 860, 10, 'SELECT * FROM invoices WHERE id = $1');
    }),
    negative: fixtureTraces(6, (trace) => {
      const root = trace.server('render', 'GET', '/invoice.pdf', 0, 60);
      trace.internal(root, 'render-pdf', 5, 40);
      trace.db(root, 46, 10, 'SELECT * FROM invoices WHERE id = $1');
    }),
  }),
  'trace-timeouts': () => ({
    positive: fixtureTraces(10, (trace, i) => {
      const root = trace.server('api', 'GET', '/search', 0, 2100, { isError: i < 4 });
      if (i < 2) trace.call(root, 'index', 'GET', '/q', 1, 2000, { isError: true, statusMessage: 'context deadline exceeded' });
      else if (i < 4) trace.call(root, 'index', 'GET', '/q', 1, 2000, { isError: true, attributes: { 'http.response.status_code': 504 } });
      else trace.call(root, 'index', 'GET', '/q', 1, 20);
    }),
    negative: fixtureTraces(10, (trace) => {
      const root = trace.server('api', 'GET', '/search', 0, 50);
      trace.call(root, 'index', 'GET', '/q', 1, 20);
    }),
  }),
  'trace-error-hot-spot': () => ({
    positive: fixtureTraces(20, (trace, i) => {
      trace.server('api', 'POST', '/upload', 0, 50, { isError: i % 3 === 0, attributes: { 'http.response.status_code': i % 3 === 0 ? 500 : 201 } });
    }),
    negative: fixtureTraces(100, (trace, i) => {
      trace.server('api', 'POST', '/upload', 0, 50, { isError: i === 0 });
    }),
  }),
};

/** The positive and negative traces of a detector, freshly built; undefined for an id without fixtures. */
export function traceDetectorFixtures(ruleId: string): RuleFixtures<Span[]> | undefined {
  return FIXTURES[ruleId]?.();
}

export const traceDetectorFixtureIds: readonly string[] = Object.keys(FIXTURES);
