import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { tracesWithoutNPlusOne } from '../fixtures/reaudit/traces';
import { auditToEnd, startTestPlatform, TEST_PASSWORD, type TestPlatform } from '../setup/platform';
import { PortalBrowser, errorsOf } from './portal-browser-harness';

const root = resolve(__dirname, '../..');
const shop = join(root, 'examples/shop');
// The reader is in New York, the schedule in Paris: the portal shows the next run in both.
const READER = { locale: 'en-US', timezoneId: 'America/New_York' };

type Row = { id: string; ruleId: string; fingerprint: string; title: string };
type Target = { item: { rank: number; ruleId: string; title: string }; before: number | null; after: number | null; met: boolean | null };
type Comparison = {
  baselineAuditId: string | null;
  regressed: Row[];
  new: Row[];
  resolved: Row[];
  open: Row[];
  scores: { before: number; after: number; delta: number; byCategory: Record<string, unknown> };
  validation: Target[];
};

const normalize = (text: string | null) => (text ?? '').replace(/\s+/g, ' ').trim();

/**
 * The portal's re-audit screens in Chromium against the real api and worker: a consultant sets the schedule, adds a
 * webhook and re-audits after the client shipped fixes; the comparison shows what the data says; the client's user
 * reads it without the controls; another client gets a 404.
 */
describe('portal in Chromium: re-audits, their comparison and the project webhooks', () => {
  let platform: TestPlatform;
  let browser: PortalBrowser;
  let base: string;
  let receiver: Server;
  const received: number[] = [];

  beforeAll(async () => {
    // A receiver that is down for the first delivery and answers the retry: the log shows both attempts.
    receiver = createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        received.push(received.length === 0 ? 503 : 204);
        res.writeHead(received.at(-1)!, { connection: 'close' }).end();
      });
    });
    await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
    platform = await startTestPlatform();
    await platform.api.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(platform.api.getHttpServer().address() as AddressInfo).port}`;
    browser = await PortalBrowser.launch(READER);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await platform?.close();
    await new Promise<void>((r) => receiver?.close(() => r()));
  });

  async function signIn(page: Page, email: string): Promise<void> {
    await page.goto(`${base}/app/login`);
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.locator('h1').filter({ hasNotText: 'Sign in' }).waitFor();
  }

  it('schedules, re-audits, compares and notifies', () => browser.walk('reaudit-failure', walkThrough), 300_000);

  async function walkThrough(): Promise<void> {
    // The baseline: the sample shop's spec and traces, audited through the API.
    const http = platform.http;
    const clientId = (await http.post('/v1/clients').send({ name: 'Acme Retail' }).expect(201)).body.id as string;
    const projectId = (await http.post(`/v1/clients/${clientId}/projects`).send({ name: 'Storefront API' }).expect(201)).body.id as string;
    const upload = (query: string, type: string, body: string) => http.post(`/v1/projects/${projectId}/sources?${query}`).set('content-type', type).send(body).expect(201);
    const tracesV1 = readFileSync(join(shop, 'traces/shop.otlp.jsonl'), 'utf8');
    await upload('filename=openapi.yaml', 'application/yaml', readFileSync(join(shop, 'openapi.yaml'), 'utf8'));
    await upload('kind=traces&filename=shop.otlp.jsonl', 'application/x-ndjson', tracesV1);
    const baseline = await auditToEnd(http, projectId);
    expect(baseline.status).toBe('succeeded');

    // A first audit has nothing to compare with, and says so.
    const consultant = await browser.newPage();
    await signIn(consultant, platform.consultant.user.email);
    await consultant.goto(`${base}/app/audits/${baseline.id}`);
    await consultant.getByTestId('no-baseline').waitFor();

    // The schedule: a wrong cron is the API's problem detail in the form; a right one shows its next run in Paris
    // and in the reader's New York time, as the API computed it.
    await consultant.goto(`${base}/app/projects/${projectId}`);
    const schedule = consultant.getByRole('form', { name: 'Re-audit schedule' });
    await consultant.getByTestId('schedule-summary').getByText(/^No schedule/).waitFor();
    await schedule.getByLabel('Cron expression').fill('every monday');
    await schedule.getByLabel('Time zone').fill('Europe/Paris');
    await schedule.getByRole('button', { name: 'Save schedule' }).click();
    await schedule.getByRole('alert').getByText(/cron is not a cron expression/).waitFor();
    // By keyboard: the cron field, a new expression, Enter submits.
    await schedule.getByLabel('Cron expression').focus();
    await consultant.keyboard.press('ControlOrMeta+a');
    await consultant.keyboard.type('0 3 1 1 *');
    await consultant.keyboard.press('Enter');
    await schedule.getByText(/^Saved\. Next run: /).waitFor();
    const stored = (await http.get(`/v1/projects/${projectId}/schedule`).expect(200)).body as { cron: string; timezone: string; nextRunAt: string };
    expect(stored).toMatchObject({ cron: '0 3 1 1 *', timezone: 'Europe/Paris' });
    const inParis = new Date(stored.nextRunAt).toLocaleString('en-US', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Europe/Paris' });
    const inNewYork = new Date(stored.nextRunAt).toLocaleString('en-US', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'America/New_York' });
    expect(normalize(await consultant.getByTestId('schedule-summary').textContent())).toBe(
      normalize(`On the cron schedule 0 3 1 1 * (Europe/Paris). Next run: ${inParis} Europe/Paris (${inNewYork} your time).`),
    );
    // Changed to every 7 days, removed, and set again.
    await schedule.getByLabel('Repeat').selectOption('days');
    await expect(schedule.getByLabel('Cron expression').isVisible()).resolves.toBe(false);
    await schedule.getByLabel('Every how many days').fill('7');
    await schedule.getByRole('button', { name: 'Save schedule' }).click();
    await consultant.getByTestId('schedule-summary').getByText(/^Every 7 days\. Next run: /).waitFor();
    expect((await http.get(`/v1/projects/${projectId}/schedule`).expect(200)).body).toMatchObject({ everyDays: 7 });
    await consultant.getByRole('button', { name: 'Remove schedule' }).click();
    await consultant.getByText('Schedule removed.').waitFor();
    await consultant.getByTestId('schedule-summary').getByText(/^No schedule/).waitFor();
    await http.get(`/v1/projects/${projectId}/schedule`).expect(404);
    await schedule.getByLabel('Repeat').selectOption('cron');
    await schedule.getByRole('button', { name: 'Save schedule' }).click();
    await consultant.getByTestId('schedule-summary').getByText(/^On the cron schedule 0 3 1 1 \*/).waitFor();

    // A webhook: what the API refuses is said in the form; the receiver's URL is added to the list.
    const hookForm = consultant.getByRole('form', { name: 'Add a webhook' });
    await hookForm.getByLabel('URL').fill('ftp://ci.example.com/hooks');
    await hookForm.getByRole('button', { name: 'Add webhook' }).click();
    await hookForm.getByRole('alert').getByText(/url must be an http\(s\) URL/).waitFor();
    const hookUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/apiaudit`;
    await hookForm.getByLabel('URL').fill(hookUrl);
    const hookSecret = await hookForm.getByLabel('Signing secret').inputValue();
    expect(hookSecret).toMatch(/^[0-9a-f]{64}$/);
    await hookForm.getByRole('button', { name: 'Add webhook' }).click();
    await hookForm.getByText(`Added ${hookUrl}.`, { exact: false }).waitFor();
    // The API never answers the secret back: the form shows the one it sent, once, to copy.
    expect(await hookForm.getByLabel('Signing secret of the new webhook').inputValue()).toBe(hookSecret);
    await consultant.getByTestId('webhook').getByText(hookUrl).waitFor();
    // A second one, removed again once the consultant confirms.
    const unused = 'https://ci.example.com/hooks/unused';
    await hookForm.getByLabel('URL').fill(unused);
    await hookForm.getByRole('button', { name: 'Add webhook' }).click();
    await consultant.getByTestId('webhook').filter({ hasText: unused }).waitFor();
    consultant.once('dialog', (dialog) => void dialog.accept());
    await consultant.getByRole('button', { name: `Remove the webhook to ${unused}` }).click();
    await consultant.getByTestId('webhook').filter({ hasText: unused }).waitFor({ state: 'detached' });
    expect(((await http.get(`/v1/projects/${projectId}/webhooks`).expect(200)).body.items as Array<{ url: string }>).map((w) => w.url)).toEqual([hookUrl]);
    await consultant.getByTestId('webhook').getByText('Nothing sent yet', { exact: false }).waitFor();
    // The GitHub push webhook: where GitHub posts, and the project's secret set, rotated and removed.
    const github = consultant.getByRole('form', { name: 'GitHub webhook secret' });
    expect(await consultant.getByTestId('github-payload-url').textContent()).toBe(`${base}/v1/webhooks/github`);
    await consultant.getByTestId('github-secret-state').getByText(/^No secret yet/).waitFor();
    await http.get(`/v1/projects/${projectId}/github-webhook-secret`).expect(404);
    const pushSecret = await github.getByLabel('Secret', { exact: true }).inputValue();
    await github.getByRole('button', { name: 'Set secret' }).click();
    await consultant.getByTestId('github-secret-state').getByText(/^A secret is set since /).waitFor();
    expect(await github.getByLabel('GitHub webhook secret to copy').inputValue()).toBe(pushSecret);
    await http.get(`/v1/projects/${projectId}/github-webhook-secret`).expect(200);
    await github.getByRole('button', { name: 'Rotate secret' }).waitFor();
    await github.getByRole('button', { name: 'Remove secret' }).click();
    await github.getByText('Secret removed: pushes no longer re-audit this project.').waitFor();
    await http.get(`/v1/projects/${projectId}/github-webhook-secret`).expect(404);
    await github.getByRole('button', { name: 'Set secret' }).click();
    await consultant.getByTestId('github-secret-state').getByText(/^A secret is set since /).waitFor();
    await browser.shot(consultant, 'reaudit-01-project-desktop');
    await browser.phoneShot(consultant, 'reaudit-01-project-phone', (p) => p.getByTestId('webhook').waitFor());

    // The client ships: the payment key leaves the query string, the N+1 is fixed, and a DELETE on a collection is new.
    await upload('filename=openapi.yaml', 'application/yaml', readFileSync(join(root, 'test/fixtures/reaudit/openapi.v2.yaml'), 'utf8'));
    await upload('kind=traces&filename=shop-after-fix.otlp.jsonl', 'application/x-ndjson', tracesWithoutNPlusOne(tracesV1));

    // Re-audit now: the portal follows the new audit to its overview, which opens with the comparison.
    await consultant.getByRole('button', { name: 'Re-audit now' }).click();
    await consultant.waitForURL(/\/app\/audits\/[0-9a-f-]{36}$/);
    const reauditId = /\/app\/audits\/([0-9a-f-]{36})$/.exec(consultant.url())![1]!;
    expect(reauditId).not.toBe(baseline.id);
    await consultant.getByRole('link', { name: /^Browse \d+ findings$/ }).waitFor({ timeout: 120_000 });
    await consultant.getByText('re-audit on request', { exact: false }).waitFor();
    const comparison = (await http.get(`/v1/audits/${reauditId}/comparison`).expect(200)).body as Comparison;
    expect(comparison.baselineAuditId).toBe(baseline.id);
    const section = consultant.getByTestId('comparison');
    await section.waitFor();
    const counts = await section.getByTestId('comparison-counts').locator('dd').allTextContents();
    expect(counts.map(Number)).toEqual([comparison.regressed.length, comparison.new.length, comparison.resolved.length, comparison.open.length]);
    expect(comparison.resolved.length).toBeGreaterThanOrEqual(2);
    expect(comparison.new.length).toBeGreaterThanOrEqual(1);
    const sign = comparison.scores.delta > 0 ? `+${comparison.scores.delta}` : comparison.scores.delta < 0 ? `−${-comparison.scores.delta}` : '±0';
    expect(normalize(await section.getByTestId('overall-delta').textContent())).toBe(`Overall score ${comparison.scores.before} → ${comparison.scores.after} ${sign}`);
    const smalls = (testId: string) => section.getByTestId(testId).locator('tbody td small').allTextContents();
    expect(await smalls('resolved')).toEqual(comparison.resolved.map((f) => f.ruleId));
    expect(await smalls('resolved')).toEqual(expect.arrayContaining(['api-key-in-query', 'trace-n-plus-one-query']));
    expect(await smalls('new')).toEqual(comparison.new.map((f) => f.ruleId));
    expect(await smalls('new')).toContain('delete-on-collection');
    await section.getByText('Nothing fixed earlier has come back.').waitFor();
    // The payment key's target: one finding before, none after, target met.
    const keyItem = comparison.validation.find((v) => v.item.ruleId === 'api-key-in-query')!;
    expect(keyItem).toMatchObject({ before: 1, after: 0, met: true });
    const keyTarget = section.getByTestId('validation').locator('tbody tr').filter({ hasText: `${keyItem.item.rank}. ${keyItem.item.title}` });
    expect(normalize(await keyTarget.locator('td').nth(2).textContent())).toBe('1 → 0');
    expect(normalize(await keyTarget.locator('td').nth(4).locator('.badge').textContent())).toBe('met');
    expect(await section.getByTestId('score-deltas').locator('tbody tr').count()).toBe(Object.keys(comparison.scores.byCategory).length);
    // A re-audit reads the newest spec and the newest trace upload, and the page lists them as the API does.
    const taken = (await http.get(`/v1/audits/${reauditId}`).expect(200)).body.sources as Array<{ kind: string; status: string; label: string; version: number }>;
    expect(taken.map((s) => [s.kind, s.status, s.label, s.version])).toEqual([
      ['spec', 'read', 'openapi.yaml', 2],
      ['traces', 'read', 'shop-after-fix.otlp.jsonl', 2],
    ]);
    expect((await consultant.getByTestId('audit-sources').locator('li').allTextContents()).map(normalize)).toEqual(['Spec openapi.yaml (version 2)', 'Traces shop-after-fix.otlp.jsonl (version 2)']);
    await consultant.evaluate(() => (globalThis as any).document.querySelectorAll('details').forEach((d: { open: boolean }) => (d.open = true)));
    await browser.shot(consultant, 'reaudit-02-comparison-desktop');
    await browser.phoneShot(consultant, 'reaudit-02-comparison-phone', (p) => p.getByTestId('comparison').waitFor());
    // A resolved finding opens on its own page in the baseline audit, where it was last seen.
    const gone = comparison.resolved.find((f) => f.ruleId === 'trace-n-plus-one-query')!;
    await section.getByTestId('resolved').locator(`a[href$="/findings/${encodeURIComponent(gone.id)}"]`).click();
    await consultant.waitForURL(`${base}/app/audits/${baseline.id}/findings/${encodeURIComponent(gone.id)}`);
    await consultant.getByRole('heading', { level: 1, name: gone.title }).waitFor();

    // The delivery log: the first attempt met the receiver down (503), the retry got through.
    await consultant.goto(`${base}/app/projects/${projectId}`);
    const log = consultant.getByTestId('webhook').getByTestId('deliveries');
    for (const deadline = Date.now() + 60_000; !(await log.getByText('delivered').count()) && Date.now() < deadline; ) {
      await new Promise((r) => setTimeout(r, 500));
      await consultant.getByTestId('webhook').getByRole('button', { name: 'Refresh' }).click();
    }
    const delivery = log.locator('tbody tr').first();
    expect(normalize(await delivery.locator('td').nth(2).textContent())).toBe('delivered');
    expect(normalize(await delivery.locator('td').nth(3).textContent())).toBe('2');
    expect(normalize(await delivery.locator('td').nth(4).textContent())).toMatch(/^HTTP 204 in \d+ ms/);
    expect(await delivery.getByTestId('earlier-error').textContent()).toBe('Earlier: HTTP 503');
    expect(received).toEqual([503, 204]);
    await browser.shot(consultant, 'reaudit-03-webhook-log-desktop');

    // Nothing shipped since: a third audit compares clean with the previous one; compared with the first, it shows the
    // progress since the baseline, as the API computes it for ?baseline=.
    await consultant.getByRole('button', { name: 'Re-audit now' }).click();
    await consultant.waitForURL((url) => /\/app\/audits\/[0-9a-f-]{36}$/.test(url.pathname) && !url.pathname.endsWith(reauditId));
    const thirdId = /\/app\/audits\/([0-9a-f-]{36})$/.exec(consultant.url())![1]!;
    await consultant.getByTestId('comparison-counts').waitFor({ timeout: 120_000 });
    const counts3 = async () => (await consultant.getByTestId('comparison-counts').locator('dd').allTextContents()).map(Number);
    const third = (await http.get(`/v1/audits/${thirdId}/comparison`).expect(200)).body as Comparison;
    expect(third.baselineAuditId).toBe(reauditId);
    expect(await counts3()).toEqual([third.regressed.length, third.new.length, third.resolved.length, third.open.length]);
    expect([third.new.length, third.resolved.length]).toEqual([0, 0]);
    await consultant.getByLabel('Compare with the audit of').selectOption(baseline.id);
    await consultant.getByRole('button', { name: 'Compare', exact: true }).click();
    await consultant.waitForURL(new RegExp(`/app/audits/${thirdId}\\?baseline=${baseline.id}$`));
    const sinceFirst = (await http.get(`/v1/audits/${thirdId}/comparison?baseline=${baseline.id}`).expect(200)).body as Comparison;
    await consultant.waitForFunction((expected) => {
      const dds = [...(globalThis as any).document.querySelectorAll('[data-testid=comparison-counts] dd')].map((d: { textContent: string }) => Number(d.textContent));
      return JSON.stringify(dds) === JSON.stringify(expected);
    }, [sinceFirst.regressed.length, sinceFirst.new.length, sinceFirst.resolved.length, sinceFirst.open.length]);
    expect(await consultant.getByTestId('resolved').locator('tbody td small').allTextContents()).toEqual(sinceFirst.resolved.map((f) => f.ruleId));
    expect(sinceFirst.resolved.map((f) => f.ruleId)).toEqual(comparison.resolved.map((f) => f.ruleId));
    await browser.shot(consultant, 'reaudit-03b-compare-with-first-desktop');
    await browser.phoneShot(consultant, 'reaudit-03b-compare-with-first-phone', (p) => p.getByTestId('comparison-counts').waitFor());

    // The client's admin: the comparison, read-only; on the project, when it is re-audited but no controls.
    const admin = await platform.signUp('client-admin', clientId);
    const client = await browser.newPage();
    await signIn(client, admin.user.email);
    await client.goto(`${base}/app/audits/${reauditId}`);
    await client.getByTestId('comparison').waitFor();
    expect(await client.getByTestId('comparison').getByTestId('resolved').locator('tbody tr').count()).toBe(comparison.resolved.length);
    expect(await client.getByTestId('comparison').locator('button, input, select, textarea').count()).toBe(0);
    await browser.shot(client, 'reaudit-04-client-comparison-desktop');
    await client.goto(`${base}/app/projects/${projectId}`);
    await client.getByTestId('schedule-summary').getByText(/^On the cron schedule 0 3 1 1 \*/).waitFor();
    for (const name of ['Save schedule', 'Re-audit now', 'Remove schedule', 'Add webhook', 'Set secret', 'Rotate secret']) expect(await client.getByRole('button', { name }).count()).toBe(0);
    for (const name of ['Outbound webhooks', 'GitHub push webhook']) expect(await client.getByRole('heading', { name }).count()).toBe(0);
    expect(await client.getByText(hookUrl).count()).toBe(0);
    await browser.shot(client, 'reaudit-05-client-project-desktop');
    await browser.phoneShot(client, 'reaudit-05-client-project-phone', (p) => p.getByTestId('schedule-summary').waitFor());

    // Someone of another client: the re-audit and its comparison do not exist for them.
    const globex = (await http.post('/v1/clients').send({ name: 'Globex' }).expect(201)).body.id as string;
    const outsider = await platform.signUp('client-admin', globex);
    const other = await browser.newPage();
    await signIn(other, outsider.user.email);
    for (const path of [`/app/audits/${reauditId}`, `/app/projects/${projectId}`]) {
      await other.goto(`${base}${path}`);
      await other.getByRole('heading', { level: 1, name: 'Page not found', exact: true }).waitFor();
    }
    await outsider.http.get(`/v1/audits/${reauditId}/comparison`).expect(404);
    await outsider.http.get(`/v1/projects/${projectId}/schedule`).expect(404);
    await outsider.http.get(`/v1/projects/${projectId}/webhook-deliveries`).expect(404);

    for (const page of [consultant, client, other]) expect(errorsOf(page)).toEqual([]);
  }
});
