import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { Client } from 'pg';
import request from 'supertest';
import { createProject, startTestPlatform, TEST_PASSWORD, type TestPlatform } from '../setup/platform';
import { testDatabaseUrl } from '../setup/test-env';

jest.setTimeout(60000);

const PROBLEM = /^application\/problem\+json/;
const sessionCookieOf = (res: request.Response) => ((res.headers['set-cookie'] as unknown as string[] | undefined) ?? []).find((c) => c.startsWith('apiaudit_session='));

describe('accounts: sign-in, sessions, API tokens, invitations, admin command', () => {
  let platform: TestPlatform;
  let db: Client;

  beforeAll(async () => {
    platform = await startTestPlatform({ APIAUDIT_SIGNIN_LIMIT_PER_ACCOUNT: '3' });
    db = new Client({ connectionString: testDatabaseUrl() });
    await db.connect();
  }, 60000);

  afterAll(async () => {
    await db?.end();
    await platform?.close();
  });

  const auditLog = async (action: string, email: string) =>
    (await db.query(`SELECT action, actor_email, address FROM audit_log WHERE action = $1 AND lower(actor_email) = lower($2)`, [action, email])).rows;

  it('answers 401 problem+json without credentials, with a forged cookie and with an unknown token', async () => {
    const clientId = (await platform.http.post('/v1/clients').send({ name: 'Locked' }).expect(201)).body.id;
    for (const req of [
      platform.anonymous.get('/v1/clients'),
      platform.anonymous.get(`/v1/clients/${clientId}`),
      platform.anonymous.get(`/v1/clients/${clientId}`).set('Cookie', 'apiaudit_session=Zm9yZ2VkLWJ5LWFub3RoZXItZGVwbG95bWVudA'),
      platform.anonymous.get(`/v1/clients/${clientId}`).set('Authorization', 'Bearer aa_not-a-token-we-issued'),
      platform.anonymous.get(`/v1/clients/${clientId}`).set('Authorization', 'Basic dXNlcjpwYXNz'),
      platform.anonymous.post('/v1/clients').send({ name: 'x' }),
    ]) {
      const res = await req.expect(401);
      expect(res.headers['content-type']).toMatch(PROBLEM);
      expect(res.headers['www-authenticate']).toMatch(/^Bearer/);
      expect(res.body).toMatchObject({ status: 401, type: 'https://apiaudit.dev/problems/unauthenticated' });
      expect(JSON.stringify(res.body)).not.toContain('Locked');
    }
    await platform.anonymous.get('/healthz').expect(200);
    await platform.anonymous.get('/v1/openapi.json').expect(200);
  });

  it('signs in with a session cookie (HttpOnly, SameSite=Lax), serves /me, and signs out', async () => {
    const { user } = await platform.signUp('consultant');
    const wrong = await platform.anonymous.post('/v1/auth/login').send({ email: user.email, password: 'not the password' }).expect(401);
    expect(wrong.body.type).toBe('https://apiaudit.dev/problems/invalid-credentials');
    expect(sessionCookieOf(wrong)).toBeUndefined();
    await platform.anonymous.post('/v1/auth/login').send({ email: 'nobody@example.com', password: TEST_PASSWORD }).expect(401);
    expect(await auditLog('sign-in-failed', user.email)).toHaveLength(1);

    const browser = request.agent(platform.api.getHttpServer());
    const signedIn = await browser.post('/v1/auth/login').send({ email: user.email.toUpperCase(), password: TEST_PASSWORD }).expect(200);
    expect(signedIn.body.user).toEqual({ id: user.id, email: user.email, name: user.name, role: 'consultant', clientId: null });
    const cookie = sessionCookieOf(signedIn)!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).not.toMatch(/Secure/);
    expect(await auditLog('sign-in', user.email)).toHaveLength(1);
    expect((await browser.get('/v1/auth/me').expect(200)).body).toEqual(signedIn.body.user);

    // The stored row is a hash: the cookie value itself is nowhere in the database.
    const value = cookie.split(';')[0].split('=')[1];
    expect((await db.query(`SELECT count(*)::int AS n FROM sessions WHERE token_hash = $1`, [value])).rows[0].n).toBe(0);

    await browser.post('/v1/auth/logout').expect(204);
    await platform.anonymous.get('/v1/auth/me').set('Cookie', `apiaudit_session=${value}`).expect(401);
  });

  it('makes the cookie Secure behind a trusted proxy that says the request was HTTPS', async () => {
    const proxied = await startTestPlatform({ APIAUDIT_TRUST_PROXY: 'loopback' });
    try {
      const { user } = await proxied.signUp('consultant');
      const res = await proxied.anonymous.post('/v1/auth/login').set('X-Forwarded-Proto', 'https').send({ email: user.email, password: TEST_PASSWORD }).expect(200);
      expect(sessionCookieOf(res)).toMatch(/Secure/);
    } finally {
      await proxied.close();
    }
  });

  it('refuses expired sessions, even one the api remembers from a moment ago', async () => {
    const { user } = await platform.signUp('consultant');
    const signedIn = await platform.anonymous.post('/v1/auth/login').send({ email: user.email, password: TEST_PASSWORD }).expect(200);
    const cookie = sessionCookieOf(signedIn)!.split(';')[0];
    // The session ends in 1.5 s, well inside the api's 10 s credential cache: the cache must not outlive it.
    await db.query(`UPDATE sessions SET expires_at = now() + interval '1500 milliseconds' WHERE user_id = $1`, [user.id]);
    await platform.anonymous.get('/v1/auth/me').set('Cookie', cookie).expect(200);
    await new Promise((r) => setTimeout(r, 2000));
    const res = await platform.anonymous.get('/v1/auth/me').set('Cookie', cookie).expect(401);
    expect(res.body.detail).toMatch(/expired/);
  });

  it('limits failed sign-ins per account in Redis, even for the right password afterwards', async () => {
    const { user } = await platform.signUp('client-viewer', (await platform.http.post('/v1/clients').send({ name: 'Throttled' }).expect(201)).body.id);
    for (let i = 0; i < 3; i++) await platform.anonymous.post('/v1/auth/login').send({ email: user.email, password: `guess number ${i}` }).expect(401);
    const throttled = await platform.anonymous.post('/v1/auth/login').send({ email: user.email, password: TEST_PASSWORD }).expect(429);
    expect(throttled.headers['content-type']).toMatch(PROBLEM);
    expect(throttled.body.retryAfter).toBeGreaterThan(0);
    expect(sessionCookieOf(throttled)).toBeUndefined();
    expect(await auditLog('sign-in-throttled', user.email)).toHaveLength(1);
  });

  it('issues API tokens shown once, lists them without the secret, and revokes them for good', async () => {
    const me = await platform.signUp('consultant');
    const created = await me.http.post('/v1/auth/tokens').send({ name: 'ci' }).expect(201);
    expect(created.body).toMatchObject({ name: 'ci', token: expect.stringMatching(/^aa_[\w-]{43}$/), revokedAt: null });
    const ci = request(platform.api.getHttpServer());
    expect((await ci.get('/v1/auth/me').set('Authorization', `Bearer ${created.body.token}`).expect(200)).body.id).toBe(me.user.id);
    const listed = await me.http.get('/v1/auth/tokens').expect(200);
    expect(listed.body.items.map((t: { name: string }) => t.name)).toEqual(['test', 'ci']);
    expect(JSON.stringify(listed.body)).not.toContain(created.body.token);

    // Another user cannot revoke it: their answer is the same as for an id that does not exist.
    const other = await platform.signUp('consultant');
    await other.http.delete(`/v1/auth/tokens/${created.body.id}`).expect(404);
    await me.http.delete(`/v1/auth/tokens/${created.body.id}`).expect(204);
    const revoked = await ci.get('/v1/auth/me').set('Authorization', `Bearer ${created.body.token}`).expect(401);
    expect(revoked.body.detail).toMatch(/revoked/);
    expect((await db.query(`SELECT action FROM audit_log WHERE subject = $1 AND actor_id = $2 ORDER BY id`, [created.body.id, me.user.id])).rows.map((r) => r.action)).toEqual(['token-created', 'token-revoked']);
  });

  it('creates an invited client user once, signs them in, and refuses a second or expired acceptance', async () => {
    const clientId = (await platform.http.post('/v1/clients').send({ name: 'Invited Co' }).expect(201)).body.id;
    const invitation = await platform.http.post(`/v1/clients/${clientId}/invitations`).send({ email: 'grace@invited.example', role: 'client-admin' }).expect(201);
    expect(invitation.body.url).toBe(`/app/invitations/${invitation.body.token}`);
    expect(new Date(invitation.body.expiresAt).getTime()).toBeGreaterThan(Date.now() + 6 * 86400_000);

    await platform.anonymous.post(`/v1/invitations/${invitation.body.token}/accept`).send({ password: 'short', name: 'Grace' }).expect(400);
    const browser = request.agent(platform.api.getHttpServer());
    const accepted = await browser.post(`/v1/invitations/${invitation.body.token}/accept`).send({ password: 'a long enough password', name: 'Grace' }).expect(201);
    expect(accepted.body.user).toMatchObject({ email: 'grace@invited.example', role: 'client-admin', clientId, name: 'Grace' });
    expect(sessionCookieOf(accepted)).toMatch(/HttpOnly/);
    expect((await browser.get('/v1/auth/me').expect(200)).body.role).toBe('client-admin');
    const again = await platform.anonymous.post(`/v1/invitations/${invitation.body.token}/accept`).send({ password: 'another long password', name: 'Mallory' }).expect(410);
    expect(again.body.type).toBe('https://apiaudit.dev/problems/invitation-used');
    await platform.anonymous.post('/v1/auth/login').send({ email: 'grace@invited.example', password: 'another long password' }).expect(401);

    // The client-admin invites viewers of their own client, not admins, and not into other clients.
    const viewerInvite = await browser.post(`/v1/clients/${clientId}/invitations`).send({ email: 'vic@invited.example', role: 'client-viewer' }).expect(201);
    await browser.post(`/v1/clients/${clientId}/invitations`).send({ email: 'eve@invited.example', role: 'client-admin' }).expect(403);
    const otherClient = (await platform.http.post('/v1/clients').send({ name: 'Other Co' }).expect(201)).body.id;
    await browser.post(`/v1/clients/${otherClient}/invitations`).send({ email: 'eve@invited.example', role: 'client-viewer' }).expect(404);

    await db.query(`UPDATE invitations SET expires_at = now() - interval '1 minute' WHERE email = 'vic@invited.example'`);
    const expired = await platform.anonymous.post(`/v1/invitations/${viewerInvite.body.token}/accept`).send({ password: 'a long enough password', name: 'Vic' }).expect(410);
    expect(expired.body.type).toBe('https://apiaudit.dev/problems/invitation-expired');
    expect((await db.query(`SELECT count(*)::int AS n FROM users WHERE email = 'vic@invited.example'`)).rows[0].n).toBe(0);
    await platform.anonymous.post('/v1/invitations/no-such-token/accept').send({ password: 'a long enough password', name: 'X' }).expect(404);
  });

  it('accepts an invitation once when ten acceptances race', async () => {
    const clientId = (await platform.http.post('/v1/clients').send({ name: 'Race Co' }).expect(201)).body.id;
    const { token } = (await platform.http.post(`/v1/clients/${clientId}/invitations`).send({ email: 'race@invited.example', role: 'client-viewer' }).expect(201)).body;
    const results = await Promise.all(Array.from({ length: 10 }, (_, i) => platform.anonymous.post(`/v1/invitations/${token}/accept`).send({ password: 'a long enough password', name: `Racer ${i}` })));
    expect(results.map((r) => r.status).sort()).toEqual([201, ...Array(9).fill(410)]);
    expect((await db.query(`SELECT count(*)::int AS n FROM users WHERE email = 'race@invited.example'`)).rows[0].n).toBe(1);
  });

  it('refuses malformed and oversized JSON with problem+json', async () => {
    const malformed = await platform.anonymous.post('/v1/auth/login').set('content-type', 'application/json').send('{"email": "a@b.c", "password":').expect(400);
    expect(malformed.headers['content-type']).toMatch(PROBLEM);
    expect(malformed.body.status).toBe(400);
    const huge = await platform.anonymous.post('/v1/auth/login').set('content-type', 'application/json').send(JSON.stringify({ email: 'a@b.c', password: 'x'.repeat(2 * 1024 * 1024) })).expect(413);
    expect(huge.headers['content-type']).toMatch(PROBLEM);
    const extra = await platform.http.post('/v1/auth/tokens').send({ name: 'x', admin: true }).expect(400);
    expect(extra.body.field).toBe('admin');
  });

  it('scopes Idempotency-Keys by user: another user\'s same key and body is a new request, never a replay', async () => {
    const me = await platform.signUp('consultant');
    const first = await me.http.post('/v1/auth/tokens').set('Idempotency-Key', 'same-key').send({ name: 'once' }).expect(201);
    const replay = await me.http.post('/v1/auth/tokens').set('Idempotency-Key', 'same-key').send({ name: 'once' }).expect(201);
    expect(replay.body.id).toBe(first.body.id);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    const other = await platform.signUp('consultant');
    const theirs = await other.http.post('/v1/auth/tokens').set('Idempotency-Key', 'same-key').send({ name: 'once' }).expect(201);
    expect(theirs.body.id).not.toBe(first.body.id);
    expect(theirs.body.token).not.toBe(first.body.token);
    expect(theirs.headers['idempotent-replayed']).toBeUndefined();
  });

  it('creates the first consultant from the command line, idempotently, and refuses short passwords', async () => {
    const admin = resolve(__dirname, '../../dist/apps/api/src/admin.js');
    if (!existsSync(admin)) execFileSync('node', [resolve(__dirname, '../../scripts/build.mjs')], { stdio: 'ignore' });
    const env = { ...process.env, DATABASE_URL: testDatabaseUrl() };
    const run = (...args: string[]) => spawnSync('node', [admin, ...args], { env, encoding: 'utf8' });
    const first = run('create-user', '--email', 'first@firm.example', '--password', 'twelve chars!', '--role', 'consultant');
    expect(first.stderr).toBe('');
    expect(first.status).toBe(0);
    expect(first.stdout).toMatch(/^created consultant first@firm\.example/);
    const again = run('create-user', '--email', 'First@Firm.example', '--password', 'twelve chars!', '--role', 'consultant');
    expect(again.status).toBe(0);
    expect(again.stdout).toMatch(/^updated consultant first@firm\.example/);
    expect((await db.query(`SELECT count(*)::int AS n FROM users WHERE lower(email) = 'first@firm.example'`)).rows[0].n).toBe(1);
    await platform.anonymous.post('/v1/auth/login').send({ email: 'first@firm.example', password: 'twelve chars!' }).expect(200);

    const short = run('create-user', '--email', 'short@firm.example', '--password', 'elevenchars', '--role', 'consultant');
    expect(short.status).not.toBe(0);
    expect(short.stderr).toBe('apiaudit admin: the password must be at least 12 characters long\n');
    const badRole = run('create-user', '--email', 'x@firm.example', '--password', 'twelve chars!', '--role', 'admin');
    expect(badRole.status).not.toBe(0);
    expect(badRole.stderr.trim().split('\n')).toHaveLength(1);
    expect((await db.query(`SELECT count(*)::int AS n FROM users WHERE email IN ('short@firm.example', 'x@firm.example')`)).rows[0].n).toBe(0);
  });

  it('gives each role its permissions: client users read their client, only consultants change what is audited', async () => {
    const clientId = (await platform.http.post('/v1/clients').send({ name: 'Roles Co' }).expect(201)).body.id;
    const projectId = (await platform.http.post(`/v1/clients/${clientId}/projects`).send({ name: 'Roles API' }).expect(201)).body.id;
    await platform.http.post('/v1/clients').send({ name: 'Someone Else' }).expect(201);
    const admin = await platform.signUp('client-admin', clientId);
    const viewer = await platform.signUp('client-viewer', clientId);
    for (const user of [admin, viewer]) {
      const clients = (await user.http.get('/v1/clients').expect(200)).body;
      expect(clients).toEqual({ items: [expect.objectContaining({ id: clientId, name: 'Roles Co' })], next: null });
      expect((await user.http.get(`/v1/clients/${clientId}/projects`).expect(200)).body.items.map((p: { id: string }) => p.id)).toEqual([projectId]);
      await user.http.get(`/v1/projects/${projectId}/audits`).expect(200);
      await user.http.post('/v1/clients').send({ name: 'Mine' }).expect(403);
      await user.http.post(`/v1/clients/${clientId}/projects`).send({ name: 'Mine' }).expect(403);
      await user.http.post(`/v1/projects/${projectId}/sources?filename=openapi.yaml`).set('content-type', 'application/yaml').send('openapi: 3.0.3\n').expect(403);
      const audit = await user.http.post(`/v1/projects/${projectId}/audits`).expect(403);
      expect(audit.headers['content-type']).toMatch(PROBLEM);
    }
    await viewer.http.post(`/v1/clients/${clientId}/invitations`).send({ email: 'x@roles.example', role: 'client-viewer' }).expect(403);
    await admin.http.post(`/v1/clients/${clientId}/invitations`).send({ email: 'x@roles.example', role: 'client-viewer' }).expect(201);
    expect((await db.query(`SELECT count(*)::int AS n FROM projects WHERE client_id = $1`, [clientId])).rows[0].n).toBe(1);
  });

  it('lets consultants read the audit log, and nobody else', async () => {
    const clientId = await createProject(platform.http, 'Logged Co', 'p').then(async (projectId) => (await platform.http.get(`/v1/projects/${projectId}`).expect(200)).body.clientId);
    const viewer = await platform.signUp('client-viewer', clientId);
    await viewer.http.get('/v1/audit-log').expect(403);
    const page = await platform.http.get('/v1/audit-log?action=sign-in-failed&limit=1').expect(200);
    expect(page.body.items).toHaveLength(1);
    expect(page.body.items[0].action).toBe('sign-in-failed');
    expect(page.body.next).toMatch(/cursor=/);
    await platform.http.get(page.body.next).expect(200);
    await platform.http.get('/v1/audit-log?action=coffee').expect(400);
  });
});
