import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { createApiApp } from '../../apps/api/src/main';
import { auditToEnd, startTestPlatform, TEST_PASSWORD, type TestPlatform } from '../setup/platform';
import { testDatabaseUrl, testQueuePrefix } from '../setup/test-env';

jest.setTimeout(120000);

const INVALIDATION_MS = 5000;

const shop = resolve(__dirname, '../../examples/shop');

/** Asks until `check` passes or `ms` have gone by: invalidations reach other instances through Redis. */
async function within(ms: number, check: () => Promise<void>): Promise<void> {
  for (const deadline = Date.now() + ms; ; ) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((r) => setTimeout(r, 50));
    }
  }
}

/**
 * Two api instances on one PostgreSQL and Redis, as behind a load balancer. Each remembers credentials and
 * findings pages (APIAUDIT_CACHE_SECONDS, 10 s by default); a change made through either must show on both at once.
 * The second instance remembers for 300 s, so a change seen there within the few seconds a loaded machine may take
 * can only have come through an invalidation.
 */
describe('api caches across instances: revocations, sign-outs and finding changes show everywhere at once', () => {
  let platform: TestPlatform;
  let second: INestApplication;
  let other: ReturnType<typeof request>;

  beforeAll(async () => {
    platform = await startTestPlatform();
    second = await createApiApp({ ...process.env, DATABASE_URL: testDatabaseUrl(), APIAUDIT_QUEUE_PREFIX: testQueuePrefix(), ARTIFACT_DIR: '/tmp', LOG_LEVEL: 'warn', APIAUDIT_CACHE_SECONDS: '300' });
    await second.init();
    other = request(second.getHttpServer());
  });

  afterAll(async () => {
    await second?.close();
    await platform?.close();
  });

  it('refuses a revoked token on the other instance, which had it remembered', async () => {
    const created = await platform.http.post('/v1/auth/tokens').send({ name: 'two-instances' }).expect(201);
    const bearer = `Bearer ${created.body.token}`;
    await other.get('/v1/auth/me').set('Authorization', bearer).expect(200);
    await platform.http.delete(`/v1/auth/tokens/${created.body.id}`).expect(204);
    await within(INVALIDATION_MS, async () => {
      const res = await other.get('/v1/auth/me').set('Authorization', bearer);
      expect(res.status).toBe(401);
    });
  });

  it('ends a session on every instance when it is signed out on one', async () => {
    const { user } = await platform.signUp('client-viewer', (await platform.http.post('/v1/clients').send({ name: 'Signs Out' }).expect(201)).body.id);
    const signedIn = await other.post('/v1/auth/login').send({ email: user.email, password: TEST_PASSWORD }).expect(200);
    const cookie = ((signedIn.headers['set-cookie'] as unknown as string[]) ?? []).find((c) => c.startsWith('apiaudit_session='))!.split(';')[0];
    await other.get('/v1/auth/me').set('Cookie', cookie).expect(200);
    await platform.anonymous.post('/v1/auth/logout').set('Cookie', cookie).expect(204);
    await within(INVALIDATION_MS, async () => {
      expect((await other.get('/v1/auth/me').set('Cookie', cookie)).status).toBe(401);
    });
  });

  it('shows a status change and a comment made on one instance in the other\'s findings pages', async () => {
    const clientId = (await platform.http.post('/v1/clients').send({ name: 'Cached Co' }).expect(201)).body.id;
    const projectId = (await platform.http.post(`/v1/clients/${clientId}/projects`).send({ name: 'Shop' }).expect(201)).body.id;
    await platform.http.post(`/v1/projects/${projectId}/sources?filename=openapi.yaml`).set('content-type', 'application/yaml').send(readFileSync(join(shop, 'openapi.yaml'))).expect(201);
    const audit = await auditToEnd(platform.http, projectId);
    expect(audit.status).toBe('succeeded');
    const admin = await platform.signUp('client-admin', clientId);
    const page = `/v1/audits/${audit.id}/findings?limit=5&status=open`;
    const asAdmin = (req: request.Test) => req.set('Authorization', `Bearer ${admin.token}`);

    const before = (await asAdmin(other.get(page)).expect(200)).body.items;
    expect(before.length).toBe(5);
    expect((await asAdmin(other.get(page)).expect(200)).body.items).toEqual(before);
    const [first] = before;
    await admin.http.patch(`/v1/projects/${projectId}/findings/${first.fingerprint}`).set('If-Match', first.etag).send({ status: 'fixed' }).expect(200);
    await within(INVALIDATION_MS, async () => {
      const after = (await asAdmin(other.get(page)).expect(200)).body.items;
      expect(after.map((f: { fingerprint: string }) => f.fingerprint)).not.toContain(first.fingerprint);
    });

    const commented = before[1];
    await admin.http.post(`/v1/projects/${projectId}/findings/${commented.fingerprint}/comments`).send({ body: 'seen on one instance' }).expect(201);
    await within(INVALIDATION_MS, async () => {
      const after = (await asAdmin(other.get(`/v1/audits/${audit.id}/findings?limit=5&status=open`)).expect(200)).body.items;
      expect(after.find((f: { fingerprint: string }) => f.fingerprint === commented.fingerprint).commentCount).toBe(1);
    });
  });
});
