import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { PlanItem } from '@apiaudit/domain';
import { exportPlanIssues, itemMarker } from './index';

type Issue = Record<string, unknown> & { number: number; title: string; body: string; state: string; labels: Array<{ name: string }> };

/**
 * A GitHub-shaped stand-in for the issues API: issues kept in memory, answered in the shape of the recorded
 * issue in __fixtures__, with GitHub's Link-header pagination and label filter.
 */
function githubStandIn(): { server: Server; issues: Issue[]; requests: string[] } {
  const template = JSON.parse(readFileSync(join(__dirname, '__fixtures__/issue.json'), 'utf8')) as Issue;
  const issues: Issue[] = [];
  const requests: string[] = [];
  const read = (req: IncomingMessage) => new Promise<Record<string, unknown>>((resolve) => {
    let text = '';
    req.on('data', (c) => (text += c));
    req.on('end', () => resolve(text ? JSON.parse(text) : {}));
  });
  const server = createServer(async (req, res) => {
    const url = new URL(req.url!, 'http://127.0.0.1');
    requests.push(`${req.method} ${url.pathname}${url.search}`);
    const json = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
      res.end(JSON.stringify(body));
    };
    if (!url.pathname.startsWith('/repos/acme/shop-api/')) return json(404, { message: 'Not Found' });
    const asLabels = (names: unknown) => (names as string[]).map((name) => ({ id: name.length, name, color: 'ededed' }));
    if (req.method === 'GET' && url.pathname === '/repos/acme/shop-api/issues') {
      const label = url.searchParams.get('labels');
      const matching = issues.filter((i) => !label || i.labels.some((l) => l.name === label));
      const perPage = Number(url.searchParams.get('per_page') ?? 30);
      const page = Number(url.searchParams.get('page') ?? 1);
      const last = Math.max(1, Math.ceil(matching.length / perPage));
      const link: Record<string, string> = page < last ? { link: `<http://${req.headers.host}/repos/acme/shop-api/issues?labels=${label}&state=all&per_page=${perPage}&page=${page + 1}>; rel="next"` } : {};
      return json(200, matching.slice((page - 1) * perPage, page * perPage), link);
    }
    if (req.method === 'POST' && url.pathname === '/repos/acme/shop-api/issues') {
      const body = await read(req);
      const number = issues.length + 1;
      const issue: Issue = { ...template, number, id: number, html_url: `https://github.com/acme/shop-api/issues/${number}`, title: String(body.title), body: String(body.body), labels: asLabels(body.labels), state: 'open' };
      issues.push(issue);
      return json(201, issue);
    }
    const patch = url.pathname.match(/^\/repos\/acme\/shop-api\/issues\/(\d+)$/);
    if (req.method === 'PATCH' && patch) {
      const issue = issues.find((i) => i.number === Number(patch[1]));
      if (!issue) return json(404, { message: 'Not Found' });
      const body = await read(req);
      Object.assign(issue, { ...(body.title ? { title: body.title } : {}), ...(body.body ? { body: body.body } : {}), ...(body.state ? { state: body.state } : {}), ...(body.labels ? { labels: asLabels(body.labels) } : {}) });
      return json(200, issue);
    }
    json(404, { message: 'Not Found' });
  });
  return { server, issues, requests };
}

const item = (rank: number, ruleId: string, patch: Partial<PlanItem> = {}): PlanItem => ({
  rank,
  horizon: rank < 3 ? 'now' : 'later',
  title: `Fix ${ruleId}`,
  ruleId,
  category: 'performance',
  severity: rank < 3 ? 'high' : 'low',
  findingIds: [],
  fingerprints: [],
  endpoints: [{ method: 'GET', path: `/orders/${rank}` }],
  why: 'why',
  change: 'change',
  measure: 'Queries per request of GET /orders: from 12 to at most 2.',
  target: { metric: 'db.queriesPerRequest', comparator: '<=', value: 2, current: 12 },
  validate: 'validate',
  impact: 10,
  effort: 'M',
  ...patch,
});

describe('exportPlanIssues against a GitHub-shaped server on 127.0.0.1', () => {
  const stand = githubStandIn();
  let baseUrl: string;
  const items = Array.from({ length: 105 }, (_, i) => item(i + 1, `rule-${i + 1}`));
  const options = () => ({ owner: 'acme', repo: 'shop-api', baseUrl, token: 't0ken', subject: 'Shop API' });

  beforeAll(async () => {
    await new Promise<void>((resolve) => stand.server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(stand.server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => stand.server.close(() => resolve())));

  it('creates one labelled issue per visible item, with its target and a marker', async () => {
    const hidden = item(106, 'rule-hidden', { hidden: true });
    const exported = await exportPlanIssues([...items, hidden], options());
    expect(exported).toHaveLength(105);
    expect(exported.every((e) => e.action === 'created')).toBe(true);
    expect(stand.issues).toHaveLength(105);
    const first = stand.issues[0];
    expect(first.title).toBe('[high] Fix rule-1');
    expect(first.labels.map((l) => l.name)).toEqual(['apiaudit', 'severity:high', 'horizon:now']);
    expect(first.body).toContain('Target: `db.queriesPerRequest <= 2` (now: 12)');
    expect(first.body.endsWith(itemMarker('Shop API', 'rule-1'))).toBe(true);
    expect(stand.issues.some((i) => i.title.includes('rule-hidden'))).toBe(false);
  }, 60000);

  it('re-exports into the same issues (found by marker across pages), updating only what changed', async () => {
    stand.requests.length = 0;
    stand.issues[4].state = 'closed';
    const changed = items.map((i) => (i.ruleId === 'rule-2' ? { ...i, horizon: 'next' as const, severity: 'medium' as const } : i));
    const exported = await exportPlanIssues(changed, options());
    expect(stand.issues).toHaveLength(105);
    expect(exported.filter((e) => e.action === 'updated').map((e) => e.ruleId)).toEqual(['rule-2', 'rule-5']);
    expect(exported.filter((e) => e.action === 'unchanged')).toHaveLength(103);
    expect(stand.issues[1].labels.map((l) => l.name)).toEqual(['apiaudit', 'severity:medium', 'horizon:next']);
    expect(stand.issues[4].state).toBe('open');
    // 105 issues at 100 per page: the second page was read, and nothing was created.
    expect(stand.requests.filter((r) => r.startsWith('GET')).length).toBe(2);
    expect(stand.requests.some((r) => r.startsWith('POST'))).toBe(false);
  }, 60000);

  it('says clearly when the repository is not there', async () => {
    await expect(exportPlanIssues(items.slice(0, 1), { ...options(), repo: 'missing' })).rejects.toThrow('acme/missing: repository not found (or no access with this token)');
  });
});
