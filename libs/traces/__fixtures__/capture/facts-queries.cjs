const { readCapture, attr } = require('./read-capture.cjs');
const { spans, byTrace } = readCapture(process.argv[2]);
const hist = (a) => a.reduce((h, x) => ((h[x] = (h[x] || 0) + 1), h), {});
const tagInserts = [], failedTagInserts = [], slugQueries = [], msgs = {};
for (const list of byTrace.values()) {
  const root = list.find((s) => !s.parentSpanId);
  const route = `${attr(root, 'http.request.method')} ${attr(root, 'http.route')}`;
  const pg = list.filter((s) => s.scope.includes('-pg')).sort((a, b) => (BigInt(a.startTimeUnixNano) < BigInt(b.startTimeUnixNano) ? -1 : 1));
  if (route === 'POST /api/articles') {
    const ins = pg.filter((s) => /^insert into "tags"/.test(attr(s, 'db.query.text')));
    tagInserts.push(ins.length); failedTagInserts.push(ins.filter((s) => s.status.code === 2).length);
    for (const s of ins.filter((s) => s.status.code === 2)) msgs[s.status.message] = (msgs[s.status.message] || 0) + 1;
  }
  if (route === 'GET /api/articles/:slug' && attr(root, 'url.path') !== '/api/articles/feed') {
    const auth = pg.some((s) => /"created_at", "updated_at" from "users" where "id"/.test(attr(s, 'db.query.text')));
    slugQueries.push(`${auth ? 'auth' : 'anon'}:${pg.length}:` + pg.map((s) => /(?:from|into|update) "(\w+)"/.exec(attr(s, 'db.query.text'))[1]).join('>'));
  }
}
console.log('tag INSERTs per POST /api/articles', hist(tagInserts));
console.log('failed tag INSERTs per POST /api/articles', hist(failedTagInserts), 'requests with >=1 failed', failedTagInserts.filter(Boolean).length, 'total failed', failedTagInserts.reduce((a, b) => a + b, 0), 'total inserts', tagInserts.reduce((a, b) => a + b, 0));
console.log('failure messages', msgs);
console.log('GET /api/articles/{slug} query chains', hist(slugQueries));
const feed = [...byTrace.values()].map((l) => l.find((s) => !s.parentSpanId)).filter((r) => attr(r, 'url.path') === '/api/articles/feed');
console.log('feed requests', feed.length, 'route label', hist(feed.map((r) => attr(r, 'http.route'))), 'status', hist(feed.map((r) => attr(r, 'http.response.status_code'))));
