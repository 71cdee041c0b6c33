import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { startTestPlatform, TEST_PASSWORD, type TestPlatform } from '../setup/platform';
import { buildZip } from '../../libs/github/src/__fixtures__/build-archives';
import { SHOTS, PortalBrowser, errorsOf } from './portal-browser-harness';

const root = resolve(__dirname, '../..');
const shop = join(root, 'examples/shop');

describe('portal in Chromium: a consultant runs an audit, a client triages it, another client sees nothing', () => {
  let platform: TestPlatform;
  let browser: PortalBrowser;
  let base: string;

  beforeAll(async () => {
    platform = await startTestPlatform();
    await platform.api.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(platform.api.getHttpServer().address() as { port: number }).port}`;
    browser = await PortalBrowser.launch({ acceptDownloads: true });
  }, 60000);

  afterAll(async () => {
    await browser?.close();
    await platform?.close();
  });

  async function signIn(page: Page, email: string, password: string): Promise<void> {
    await page.goto(`${base}/app/`);
    await page.getByRole('heading', { level: 1, name: 'Sign in', exact: true }).waitFor();
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
  }

  it('walks through the whole portal', () => browser.walk('failure', walkThrough), 240000);

  async function walkThrough(): Promise<void> {
    // Consultant: sign in, create a client and a project.
    const consultant = await browser.newPage();
    await signIn(consultant, platform.consultant.user.email, TEST_PASSWORD);
    await consultant.getByRole('heading', { level: 1, name: 'Clients', exact: true }).waitFor();
    await consultant.getByLabel('Client name').fill('Acme Retail');
    await consultant.getByRole('button', { name: 'Create client' }).click();
    await consultant.getByRole('heading', { level: 1, name: 'Acme Retail', exact: true }).waitFor();
    const clientId = /\/app\/clients\/([0-9a-f-]{36})$/.exec(consultant.url())![1]!;
    await consultant.getByLabel('Project name').fill('Shop');
    await consultant.getByRole('button', { name: 'Create project' }).click();
    await consultant.getByRole('heading', { level: 1, name: 'Shop', exact: true }).waitFor();
    const projectId = /\/app\/projects\/([0-9a-f-]{36})$/.exec(consultant.url())![1]!;

    // Spec through the file input, traces dropped on the drop zone.
    await consultant.getByLabel('Files').setInputFiles(join(shop, 'openapi.yaml'));
    await consultant.getByText('openapi.yaml: stored as spec version 1').waitFor();
    const traces = readFileSync(join(shop, 'traces/shop.otlp.jsonl'), 'utf8');
    const dropped = await consultant.evaluateHandle((text) => {
      // Runs in the page: the browser's own DataTransfer and File, as a real drop carries them.
      const page = globalThis as any;
      const transfer = new page.DataTransfer();
      transfer.items.add(new page.File([text], 'shop.otlp.jsonl', { type: 'application/x-ndjson' }));
      return transfer;
    }, traces);
    await consultant.getByTestId('dropzone').dispatchEvent('drop', { dataTransfer: dropped });
    await consultant.getByText('shop.otlp.jsonl: stored as traces version 1').waitFor();
    // A file that is not a spec: the server's problem detail is shown on its row, nothing else changes.
    await consultant.getByLabel('Files').setInputFiles({ name: 'deployment.yaml', mimeType: 'application/yaml', buffer: Buffer.from('name: my-app\nreplicas: 3\n') });
    await consultant.locator('.uploads li.failed', { hasText: /deployment\.yaml: .*not an OpenAPI/ }).waitFor();
    // The service's code as a zip, said to be source code: its code findings come with their lines.
    const code = readdirSync(join(shop, 'src'), { recursive: true, withFileTypes: true }).filter((e) => e.isFile());
    const zip = buildZip(code.map((e) => ({ name: relative(shop, join(e.parentPath, e.name)), body: readFileSync(join(e.parentPath, e.name)) })));
    await consultant.getByLabel('Kind').selectOption('repository');
    await consultant.getByLabel('Files').setInputFiles({ name: 'shop-src.zip', mimeType: 'application/zip', buffer: zip });
    await consultant.getByText('shop-src.zip: stored as repository version 1').waitFor();
    await consultant.getByLabel('Kind').selectOption('auto');
    await browser.shot(consultant, '01-consultant-project-desktop');
    await browser.phoneShot(consultant, '01-consultant-project-phone');

    // Start the audit and watch it through the event stream until the overview replaces the progress bar.
    const streams: string[] = [];
    consultant.on('request', (r) => r.url().endsWith('/events') && streams.push(r.url()));
    await consultant.getByRole('button', { name: 'Start audit' }).click();
    await consultant.getByTestId('audit-progress').waitFor();
    await browser.shot(consultant, '02-consultant-audit-progress-desktop');
    await consultant.getByRole('link', { name: /^Browse \d+ findings$/ }).waitFor({ timeout: 90_000 });
    expect(streams).toHaveLength(1);
    const auditId = /\/app\/audits\/([0-9a-f-]{36})$/.exec(consultant.url())![1]!;
    const score = Number(await consultant.getByTestId('overall-score').textContent());
    expect(score).toBeGreaterThan(0);
    expect(score).toBe((await platform.http.get(`/v1/audits/${auditId}`).expect(200)).body.scores.overall);
    await consultant.getByRole('img', { name: /Overall score per audit/ }).waitFor();
    await browser.shot(consultant, '03-audit-overview-desktop');
    await browser.phoneShot(consultant, '03-audit-overview-phone');

    // The consultant edits the plan's first action: a note for the client, saved as plan version 2 and shown in the plan.
    await consultant.goto(`${base}/app/audits/${auditId}/plan`);
    await consultant.getByRole('heading', { level: 2, name: 'Edit the plan' }).waitFor();
    const firstAction = consultant.getByRole('form', { name: /^Action 1: / });
    await firstAction.getByLabel('Notes for the client').fill('Agreed on the kick-off call: this one first.');
    await firstAction.getByRole('button', { name: 'Save' }).click();
    await consultant.getByText('Saved as version 2.').waitFor();
    await consultant.getByTestId('plan-version').getByText(/^Version 2, edited /).waitFor();
    await consultant.frameLocator('iframe.plan').getByText('Agreed on the kick-off call: this one first.').waitFor();
    await browser.shot(consultant, '04-consultant-plan-edit-desktop');
    await browser.phoneShot(consultant, '04-consultant-plan-edit-phone');

    // Invite a client admin: the portal shows the link to send.
    await consultant.goto(`${base}/app/clients/${clientId}`);
    await consultant.getByLabel('Email').fill('dana@acme.example');
    await consultant.getByLabel('Role').selectOption('client-admin');
    await consultant.getByRole('button', { name: 'Invite' }).click();
    const invitationUrl = await consultant.getByLabel('Invitation link').inputValue();
    expect(invitationUrl).toMatch(new RegExp(`^${base}/app/invitations/[^/]+$`));
    await browser.shot(consultant, '04-consultant-invite-desktop');

    // The client accepts, signs out, and signs in again with the new password.
    const client = await browser.newPage();
    await client.goto(invitationUrl);
    await client.getByRole('heading', { level: 1, name: 'Accept invitation', exact: true }).waitFor();
    await browser.shot(client, '05-client-accept-invitation-desktop');
    await client.getByLabel('Your name').fill('Dana Client');
    await client.getByLabel('Password', { exact: true }).fill('a long enough password');
    await client.getByLabel('Repeat the password').fill('a long enough password');
    await client.getByRole('button', { name: 'Create account' }).click();
    await client.getByRole('heading', { level: 1, name: 'Acme Retail', exact: true }).waitFor();
    await client.getByRole('button', { name: 'Sign out' }).click();
    await client.getByRole('heading', { level: 1, name: 'Sign in', exact: true }).waitFor();
    await browser.shot(client, '00-sign-in-desktop');
    await client.getByLabel('Email').fill('dana@acme.example');
    await client.getByLabel('Password').fill('a long enough password');
    await client.getByRole('button', { name: 'Sign in' }).click();
    await client.getByRole('heading', { level: 1, name: 'Acme Retail', exact: true }).waitFor();
    await client.getByRole('link', { name: 'Shop' }).click();
    await client.getByRole('heading', { level: 1, name: 'Shop', exact: true }).waitFor();
    await expect(client.getByRole('button', { name: 'Start audit' }).count()).resolves.toBe(0);
    await client.locator('table.list a').first().click();
    await client.getByRole('link', { name: /^Browse \d+ findings$/ }).click();

    // Filter: high severity only.
    await client.getByRole('heading', { level: 1, name: 'Findings', exact: true }).waitFor();
    const all = await client.getByTestId('findings').locator('tbody tr').count();
    await client.getByLabel('Severity').selectOption('high');
    await client.getByRole('button', { name: 'Apply' }).click();
    await client.waitForURL(/severity=high/);
    await client.getByTestId('findings').waitFor();
    const severities = await client.getByTestId('findings').locator('tbody tr td:first-child').allTextContents();
    expect(severities.length).toBeGreaterThan(0);
    expect(severities.length).toBeLessThan(all);
    expect(new Set(severities)).toEqual(new Set(['high']));
    await browser.shot(client, '06-client-findings-desktop');
    await browser.phoneShot(client, '06-client-findings-phone');

    // A trace finding: waterfall of spans; mark it fixed with a reason, and comment.
    await client.goto(`${base}/app/audits/${auditId}/findings?q=trace-n-plus-one-query`);
    await client.getByTestId('findings').locator('tbody tr a').first().click();
    await client.getByTestId('waterfall').first().waitFor();
    const spans = await client.getByTestId('waterfall').first().locator('li').count();
    expect(spans).toBeGreaterThan(5);
    expect(await client.getByTestId('waterfall').first().locator('li.hit').count()).toBeGreaterThan(0);
    await client.getByLabel('Status', { exact: true }).selectOption('fixed');
    await client.getByLabel('Reason').fill('Orders now load their items in one query.');
    await client.getByRole('button', { name: 'Save status' }).click();
    await client.getByText('Status set to fixed.').waitFor();
    await client.getByLabel('Add a comment').fill('Deployed in release 2.3; please re-audit.');
    await client.getByRole('button', { name: 'Comment' }).click();
    await client.getByTestId('comments').getByText('Deployed in release 2.3; please re-audit.').waitFor();
    await client.getByRole('heading', { name: 'Status history' }).waitFor();
    await browser.shot(client, '07-client-finding-trace-desktop');
    await browser.phoneShot(client, '07-client-finding-trace-phone');
    const fingerprint = (await platform.http.get(`/v1/audits/${auditId}/findings?q=trace-n-plus-one-query`).expect(200)).body.items[0].fingerprint;
    const state = (await platform.http.get(`/v1/audits/${auditId}/findings?status=fixed`).expect(200)).body.items;
    expect(state.map((f: { fingerprint: string }) => f.fingerprint)).toEqual([fingerprint]);

    // The consultant audits again: the client's overview shows two audits on the trend, and the status
    // set on the first audit's finding holds on the second, keyed by fingerprint.
    await consultant.goto(`${base}/app/projects/${projectId}`);
    await consultant.getByRole('button', { name: 'Start audit' }).click();
    await consultant.getByRole('link', { name: /^Browse \d+ findings$/ }).waitFor({ timeout: 90_000 });
    const secondAuditId = /\/app\/audits\/([0-9a-f-]{36})$/.exec(consultant.url())![1]!;
    expect(secondAuditId).not.toBe(auditId);
    await client.goto(`${base}/app/projects/${projectId}`);
    await client.locator('table.list tbody tr').nth(1).waitFor();
    await client.locator('table.list tbody tr a').first().click();
    await client.waitForURL(new RegExp(`/app/audits/${secondAuditId}$`));
    await client.getByRole('img', { name: /Overall score per audit/ }).locator('circle').nth(1).waitFor();
    await expect(client.getByRole('img', { name: /Overall score per audit/ }).locator('circle').count()).resolves.toBe(2);
    await browser.shot(client, '05b-client-overview-desktop');
    await client.goto(`${base}/app/audits/${secondAuditId}/findings?status=fixed`);
    await client.getByTestId('findings').waitFor();
    await expect(client.getByTestId('findings').locator('tbody tr').count()).resolves.toBe(1);

    // A spec finding: the spec lines around the line, that line highlighted.
    await client.goto(`${base}/app/audits/${auditId}/findings?q=api-key-in-query`);
    await client.getByTestId('findings').locator('tbody tr a').first().click();
    const excerpt = client.getByTestId('spec-excerpt').first();
    await excerpt.waitFor();
    const lineNumber = Number(await excerpt.locator('.line.hit .ln').textContent());
    const highlighted = (await excerpt.locator('.line.hit').textContent())!.slice(String(lineNumber).length);
    const specLines = readFileSync(join(shop, 'openapi.yaml'), 'utf8').split('\n');
    expect(highlighted.trimEnd()).toBe(specLines[lineNumber - 1]);
    expect(await excerpt.locator('.line').count()).toBe(9);
    await browser.shot(client, '08-client-finding-spec-desktop');

    // A code finding: the lines around the call as the scan saw them, that line highlighted.
    await client.goto(`${base}/app/audits/${auditId}/findings?q=code-http-call-without-timeout`);
    await client.getByTestId('findings').locator('tbody tr a').first().click();
    const codeExcerpt = client.getByTestId('code-excerpt').first();
    await codeExcerpt.waitFor();
    const [codeFile, codeLine] = (await codeExcerpt.locator('figcaption code').textContent())!.split(':');
    const hitLine = (await codeExcerpt.locator('.line.hit').textContent())!.slice(codeLine!.length);
    // Files of an uploaded archive are named under the upload's name.
    expect(codeFile).toMatch(/^shop-src\/src\//);
    expect(hitLine.trimEnd()).toBe(readFileSync(join(shop, codeFile!.replace(/^shop-src\//, '')), 'utf8').split('\n')[Number(codeLine) - 1]);
    expect(await codeExcerpt.locator('.line').count()).toBeGreaterThan(5);
    await browser.shot(client, '08b-client-finding-code-desktop');

    // The plan in the portal, and the PDF download.
    await client.goto(`${base}/app/audits/${auditId}/plan`);
    await client.frameLocator('iframe.plan').getByText('Agreed on the kick-off call: this one first.').waitFor();
    expect(await client.getByRole('heading', { name: 'Edit the plan' }).count()).toBe(0);
    await browser.shot(client, '09-client-plan-desktop');
    const [download] = await Promise.all([client.waitForEvent('download'), client.getByRole('link', { name: 'Download PDF' }).click()]);
    const pdfPath = join(SHOTS, 'plan.pdf');
    await download.saveAs(pdfPath);
    expect(readFileSync(pdfPath).subarray(0, 5).toString()).toBe('%PDF-');

    // Someone of another client: an empty list of their own, 404 pages for Acme's things.
    const otherClient = (await platform.http.post('/v1/clients').send({ name: 'Globex' }).expect(201)).body.id as string;
    const outsider = await platform.signUp('client-admin', otherClient);
    const other = await browser.newPage();
    // Keyboard only: the page's heading has focus once it is drawn, the next stops are the fields in order, Enter submits.
    await other.goto(`${base}/app/login`);
    await other.getByRole('heading', { level: 1, name: 'Sign in', exact: true }).waitFor();
    const focused = () => other.evaluate(() => (globalThis as any).document.activeElement.outerHTML as string);
    expect(await focused()).toMatch(/^<h1 tabindex="-1">Sign in<\/h1>$/);
    await other.keyboard.press('Tab');
    expect(await focused()).toMatch(/^<input type="email" name="email"/);
    await other.keyboard.type(outsider.user.email);
    await other.keyboard.press('Tab');
    await other.keyboard.type(TEST_PASSWORD);
    await other.keyboard.press('Enter');
    await other.getByRole('heading', { level: 1, name: 'Globex', exact: true }).waitFor();
    await other.getByText('No projects yet.').waitFor();
    // After a navigation the new screen's heading has focus, so a screen reader announces it.
    expect(await focused()).toMatch(/^<h1 tabindex="-1">Globex<\/h1>$/);
    for (const path of [`/app/clients/${clientId}`, `/app/audits/${auditId}`, `/app/audits/${auditId}/findings`, `/app/audits/${auditId}/plan`]) {
      await other.goto(`${base}${path}`);
      await other.getByRole('heading', { level: 1, name: 'Page not found', exact: true }).waitFor();
    }
    await browser.shot(other, '10-other-client-not-found-desktop');
    await outsider.http.get(`/v1/audits/${auditId}/events`).expect(404);
    await outsider.http.get(`/v1/audits/${auditId}/findings/x/evidence`).expect(404);
    await outsider.http.get(`/v1/audits/${auditId}/plan.pdf`).expect(404);

    for (const page of [consultant, client, other]) expect(errorsOf(page)).toEqual([]);
  }
});
