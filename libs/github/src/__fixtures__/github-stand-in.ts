import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { join } from 'node:path';

export type Issue = Record<string, unknown> & { number: number; title: string; body: string; state: string; labels: Array<{ name: string }> };

/**
 * A GitHub-shaped stand-in for the issues API: issues kept in memory, answered in the shape of the recorded
 * issue in __fixtures__, with GitHub's Link-header pagination and label filter. It also answers what adding a
 * repository source asks (the repository, the commit a ref names) with the recorded repository and commit.
 */
export function githubStandIn(repository = 'acme/shop-api'): { server: Server; issues: Issue[]; requests: string[]; authorizations: string[] } {
  const recorded = (name: string) => JSON.parse(readFileSync(join(__dirname, name), 'utf8')) as Record<string, unknown>;
  const template = recorded('issue.json') as Issue;
  const issues: Issue[] = [];
  const requests: string[] = [];
  const authorizations: string[] = [];
  const read = (req: IncomingMessage) => new Promise<Record<string, unknown>>((resolve) => {
    let text = '';
    req.on('data', (c) => (text += c));
    req.on('end', () => resolve(text ? JSON.parse(text) : {}));
  });
  const server = createServer(async (req, res) => {
    const url = new URL(req.url!, 'http://127.0.0.1');
    requests.push(`${req.method} ${url.pathname}${url.search}`);
    authorizations.push(req.headers.authorization ?? '');
    const json = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
      res.end(JSON.stringify(body));
    };
    if (req.method === 'GET' && url.pathname === `/repos/${repository}`) return json(200, { ...recorded('repos-get.json'), full_name: repository });
    if (!url.pathname.startsWith(`/repos/${repository}/`)) return json(404, { message: 'Not Found' });
    if (req.method === 'GET' && url.pathname.startsWith(`/repos/${repository}/commits/`)) return json(200, recorded('commits-main.json'));
    const asLabels = (names: unknown) => (names as string[]).map((name) => ({ id: name.length, name, color: 'ededed' }));
    if (req.method === 'GET' && url.pathname === `/repos/${repository}/issues`) {
      const label = url.searchParams.get('labels');
      const matching = issues.filter((i) => !label || i.labels.some((l) => l.name === label));
      const perPage = Number(url.searchParams.get('per_page') ?? 30);
      const page = Number(url.searchParams.get('page') ?? 1);
      const last = Math.max(1, Math.ceil(matching.length / perPage));
      const link: Record<string, string> = page < last ? { link: `<http://${req.headers.host}/repos/${repository}/issues?labels=${label}&state=all&per_page=${perPage}&page=${page + 1}>; rel="next"` } : {};
      return json(200, matching.slice((page - 1) * perPage, page * perPage), link);
    }
    if (req.method === 'POST' && url.pathname === `/repos/${repository}/issues`) {
      const body = await read(req);
      const number = issues.length + 1;
      const issue: Issue = { ...template, number, id: number, html_url: `https://github.com/${repository}/issues/${number}`, title: String(body.title), body: String(body.body), labels: asLabels(body.labels), state: 'open' };
      issues.push(issue);
      return json(201, issue);
    }
    const patch = url.pathname.startsWith(`/repos/${repository}/issues/`) ? /\/issues\/(\d+)$/.exec(url.pathname) : null;
    if (req.method === 'PATCH' && patch) {
      const issue = issues.find((i) => i.number === Number(patch[1]));
      if (!issue) return json(404, { message: 'Not Found' });
      const body = await read(req);
      Object.assign(issue, { ...(body.title ? { title: body.title } : {}), ...(body.body ? { body: body.body } : {}), ...(body.state ? { state: body.state } : {}), ...(body.labels ? { labels: asLabels(body.labels) } : {}) });
      return json(200, issue);
    }
    json(404, { message: 'Not Found' });
  });
  return { server, issues, requests, authorizations };
}
