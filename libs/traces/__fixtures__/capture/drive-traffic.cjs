// Bounded, loopback-only traffic against the Conduit API: sign-ups, logins, follows, articles with tags,
// reads, comments, favourites, feeds, listings. Deterministic choices (seeded), concurrency 2.
const base = process.argv[2] || 'http://127.0.0.1:3000/api';
let seed = 20261206;
const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
const pick = (list) => list[Math.floor(rand() * list.length)];
const tally = {};
async function call(method, path, body, token) {
  const headers = { 'content-type': 'application/json' };
  if (token) headers.authorization = `Token ${token}`;
  const res = await fetch(base + path, { method, headers, body: body ? JSON.stringify(body) : undefined });
  const text = await res.text();
  const key = `${method} ${path.replace(/\?.*/, '').replace(/\/(?:[0-9a-f-]{36}|[a-z0-9-]+-[0-9a-f]{6}|user\d+|article-\d+[a-z0-9-]*)(?=\/|$)/g, '/:x')} ${res.status}`;
  tally[key] = (tally[key] || 0) + 1;
  try { return { status: res.status, body: JSON.parse(text) }; } catch { return { status: res.status, body: text }; }
}
async function pairs(items, fn) { // at most two requests in flight
  for (let i = 0; i < items.length; i += 2) await Promise.all(items.slice(i, i + 2).map(fn));
}
(async () => {
  const TAGS = ['node', 'koa', 'knex', 'postgres', 'http', 'tracing', 'latency', 'cache'];
  const users = Array.from({ length: 16 }, (_, i) => ({ username: `user${i}`, email: `user${i}@example.test`, password: `password-${i}-secret` }));
  await pairs(users, async (u) => { const r = await call('POST', '/users', { user: u }); u.token = r.body.user.token; });
  await pairs(users, async (u) => { const r = await call('POST', '/users/login', { user: { email: u.email, password: u.password } }); u.token = r.body.user.token; });
  await pairs(users.slice(0, 4), (u) => call('POST', '/users/login', { user: { email: u.email, password: 'wrong-password' } }));
  await pairs(users, (u) => call('GET', '/user', null, u.token));
  const follows = users.flatMap((u, i) => [1, 3, 5].map((d) => [u, users[(i + d) % users.length]]));
  await pairs(follows, ([u, v]) => call('POST', `/profiles/${v.username}/follow`, null, u.token));
  await pairs(users.slice(0, 12), (u) => call('GET', `/profiles/${pick(users).username}`, null, u.token));
  const articles = [];
  await pairs(Array.from({ length: 64 }, (_, i) => i), async (i) => {
    const author = users[i % users.length];
    const count = 3 + Math.floor(rand() * 3);
    const tagList = [...new Set(Array.from({ length: count }, () => pick(TAGS)))];
    const r = await call('POST', '/articles', { article: { title: `Article ${i} on ${tagList[0]}`, description: `About ${tagList.join(', ')}`, body: `Body of article ${i}. `.repeat(20), tagList } }, author.token);
    // The NestJS back end answers the bare entity instead of `{ article }`.
    const created = r.body.article ?? (r.body.slug ? r.body : undefined);
    if (created) articles.push({ slug: created.slug, author });
  });
  await pairs(articles, (a) => call('GET', `/articles/${a.slug}`));
  await pairs(articles, (a) => call('GET', `/articles/${a.slug}`, null, pick(users).token));
  await pairs(articles.slice(0, 32).flatMap((a) => [a, a]), (a) => call('POST', `/articles/${a.slug}/comments`, { comment: { body: `Comment on ${a.slug}` } }, pick(users).token));
  await pairs(articles.slice(0, 32), (a) => call('GET', `/articles/${a.slug}/comments`, null, pick(users).token));
  const favs = articles.slice(0, 48).map((a) => [a, pick(users)]);
  await pairs(favs, ([a, u]) => call('POST', `/articles/${a.slug}/favorite`, null, u.token));
  await pairs(favs.slice(0, 12), ([a, u]) => call('DELETE', `/articles/${a.slug}/favorite`, null, u.token));
  await pairs(users.concat(users.slice(0, 8)), (u) => call('GET', '/articles/feed?limit=10', null, u.token));
  await pairs(Array.from({ length: 24 }, (_, i) => i), (i) => call('GET', `/articles?limit=20&offset=${(i % 3) * 20}`, null, i % 2 ? pick(users).token : undefined));
  await pairs(Array.from({ length: 12 }, () => pick(TAGS)), (t) => call('GET', `/articles?tag=${t}&limit=10`));
  await pairs(users.slice(0, 8), (u) => call('GET', `/articles?author=${u.username}&limit=10`));
  await pairs(Array.from({ length: 24 }, (_, i) => i), () => call('GET', '/tags'));
  await pairs(users.slice(0, 4), (u) => call('PUT', '/user', { user: { bio: `I am ${u.username}` } }, u.token));
  await pairs(articles.slice(0, 4), (a) => call('PUT', `/articles/${a.slug}`, { article: { body: 'Edited body' } }, a.author.token));
  await pairs(articles.slice(60), (a) => call('DELETE', `/articles/${a.slug}`, null, a.author.token));
  console.log(JSON.stringify(tally, null, 1));
  console.log('requests', Object.values(tally).reduce((a, b) => a + b, 0));
})().catch((e) => { console.error(e); process.exit(1); });
