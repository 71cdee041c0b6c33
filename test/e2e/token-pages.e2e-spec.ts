import { startTestPlatform, type TestPlatform } from '../setup/platform';

let platform: TestPlatform;

beforeAll(async () => {
  platform = await startTestPlatform();
});

afterAll(async () => {
  await platform?.close();
});

describe('GET /v1/auth/tokens pages', () => {
  it('hands out at most `limit` tokens per page and follows `next` to the end, each token once', async () => {
    const user = await platform.signUp('consultant');
    for (const name of ['ci', 'laptop', 'backup', 'cron']) await user.http.post('/v1/auth/tokens').send({ name }).expect(201);
    const seen: string[] = [];
    let url: string | null = '/v1/auth/tokens?limit=2';
    let pages = 0;
    while (url) {
      const page: { body: { items: { id: string; name: string }[]; next: string | null } } = await user.http.get(url).expect(200);
      expect(page.body.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.body.items.map((token) => token.name));
      url = page.body.next;
      pages++;
    }
    // The token signUp made ("test"), then the four above, in creation order.
    expect(seen).toEqual(['test', 'ci', 'laptop', 'backup', 'cron']);
    expect(pages).toBe(3);
  });

  it('refuses a cursor it did not issue and a limit above the maximum', async () => {
    const bad = await platform.http.get('/v1/auth/tokens?cursor=not-ours').expect(400);
    expect(bad.headers['content-type']).toMatch(/problem\+json/);
    await platform.http.get('/v1/auth/tokens?limit=1000').expect(400);
  });
});
