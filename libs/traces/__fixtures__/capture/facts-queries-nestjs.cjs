// Hand measurements over the raw NestJS + TypeORM capture, independent of apiaudit's code: the statements each
// endpoint runs, in start order, and the statements a request repeats word for word.
const { readCapture, attr } = require('./read-capture.cjs');
const { spans, byTrace } = readCapture(process.argv[2]);
const hist = (a) => a.reduce((h, x) => ((h[x] = (h[x] || 0) + 1), h), {});
// `SELECT … FROM `user` …` → `select user`; START TRANSACTION / COMMIT as themselves.
const short = (q) => {
  const verb = q.split(/\s/)[0].toLowerCase();
  const table = /^select distinct/i.test(q) ? /FROM \(SELECT .*? FROM `(\w+)`/.exec(q)?.[1] : /(?:FROM|INTO|UPDATE) `(\w+)`/i.exec(q)?.[1];
  return table ? `${verb} ${table}` : q.slice(0, 17).toLowerCase();
};
const chains = {}, repeats = {}, failed = {}, tiedStarts = {};
for (const list of byTrace.values()) {
  const root = list.find((s) => !s.parentSpanId);
  const route = root.kind === 2 ? `${attr(root, 'http.request.method')} ${attr(root, 'http.route')}` : `(${root.name})`;
  const db = list.filter((s) => s.scope.endsWith('-mysql')).sort((a, b) => (BigInt(a.startTimeUnixNano) < BigInt(b.startTimeUnixNano) ? -1 : 1));
  (chains[route] ||= []).push(db.map((s) => short(attr(s, 'db.query.text'))).join(' > '));
  const texts = hist(db.map((s) => attr(s, 'db.query.text')));
  const most = Math.max(0, ...Object.values(texts));
  if (most > 1) (repeats[route] ||= []).push(`${most}x ${short(Object.keys(texts).find((t) => texts[t] === most))}`);
  // A transaction's first statement: does it start in the START TRANSACTION's millisecond, and end before that span?
  db.forEach((s) => {
    if (!/^START TRANSACTION/.test(attr(s, 'db.query.text'))) return;
    const next = db.filter((x) => x !== s && x.startTimeUnixNano === s.startTimeUnixNano && BigInt(x.endTimeUnixNano) < BigInt(s.endTimeUnixNano));
    if (next.length) (tiedStarts[route] ||= new Set()).add(root.traceId);
  });
  for (const s of list.filter((x) => x.status.code === 2)) (failed[route] ||= []).push(`${s.name}: ${s.status.message}`);
}
for (const [route, list] of Object.entries(chains)) console.log(route, list.length, hist(list));
console.log('\nrequests repeating one statement text (most repeated):');
for (const [route, list] of Object.entries(repeats)) console.log(route, hist(list));
console.log('\nfailed spans:');
for (const [route, list] of Object.entries(failed)) console.log(route, hist(list));
console.log('\nrequests where a statement starts in its START TRANSACTION\'s millisecond and ends before it:');
for (const [route, set] of Object.entries(tiedStarts)) console.log(route, set.size);
