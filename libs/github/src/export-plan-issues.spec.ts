import type { AddressInfo } from 'node:net';
import type { PlanItem } from '@apiaudit/domain';
import { githubStandIn } from './__fixtures__/github-stand-in';
import { exportPlanIssues, itemMarker } from './index';

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
  const options = () => ({ owner: 'acme', repo: 'shop-api', baseUrl, token: 't0ken', subject: 'Shop API', throttle: false });

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
