// Does bcrypt in POST /users/login hold up other requests? GET /api/tags latency alone vs during 8 concurrent logins.
const base = process.argv[2];
const time = async (fn) => { const t = process.hrtime.bigint(); await fn(); return Number(process.hrtime.bigint() - t) / 1e6; };
const tags = () => fetch(base + '/tags').then((r) => r.text());
const login = (i) => fetch(base + '/users/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ user: { email: `user${i}@example.test`, password: `password-${i}-secret` } }) }).then((r) => r.text());
const median = (a) => a.sort((x, y) => x - y)[a.length >> 1];
(async () => {
  const alone = []; for (let i = 0; i < 20; i++) alone.push(await time(tags));
  const loginAlone = []; for (let i = 0; i < 8; i++) loginAlone.push(await time(() => login(i)));
  const during = [];
  for (let round = 0; round < 3; round++) {
    const logins = Promise.all(Array.from({ length: 8 }, (_, i) => login(i)));
    for (let i = 0; i < 6; i++) during.push(await time(tags));
    await logins;
  }
  console.log(JSON.stringify({ tagsAloneMedianMs: median(alone), loginAloneMedianMs: median(loginAlone), tagsDuring8LoginsMedianMs: median(during), tagsDuringMaxMs: Math.max(...during) }));
})();
