import { createHash } from 'node:crypto';
import { createFinding, type Finding } from '@apiaudit/domain';
import { AuditRepository, CatalogRepository, createDataSource, SourceRepository } from '@apiaudit/db';
import type { DataSource } from 'typeorm';
import { testDatabaseUrl } from '../setup/test-env';

const sha = (text: string) => createHash('sha256').update(text).digest('hex');

describe('repositories on the real PostgreSQL', () => {
  let db: DataSource;
  beforeAll(async () => {
    db = await createDataSource(testDatabaseUrl()).initialize();
  });
  afterAll(() => db.destroy());

  it('stores a source once per content hash and numbers spec versions', async () => {
    const catalog = new CatalogRepository(db);
    const sources = new SourceRepository(db);
    const client = await catalog.createClient('Acme');
    const project = await catalog.createProject(client.id, 'shop');
    const upload = (text: string) => sources.addUnlessKnown({ projectId: project.id, kind: 'spec', sha256: sha(text), filename: 'openapi.yaml', size: text.length, content: Buffer.from(text) });
    const first = await upload('openapi: 3.0.0\n');
    const again = await upload('openapi: 3.0.0\n');
    const second = await upload('openapi: 3.1.0\n');
    expect([first.created, again.created, second.created]).toEqual([true, false, true]);
    expect(again.source.id).toBe(first.source.id);
    expect([first.source.version, second.source.version]).toEqual([1, 2]);
    const inputs = await sources.inputsOfProject(project.id);
    expect(inputs.spec?.id).toBe(second.source.id);
    expect(inputs.previousSpec?.id).toBe(first.source.id);
    expect((await sources.contentOf(first.source.id)).toString()).toBe('openapi: 3.0.0\n');
    expect(await sources.countOfProject(project.id)).toBe(2);
  });

  it('upserts findings by fingerprint, so a retried analysis does not duplicate them, and pages by position', async () => {
    const catalog = new CatalogRepository(db);
    const audits = new AuditRepository(db);
    const project = await catalog.createProject((await catalog.createClient('Beta')).id, 'p');
    const audit = await audits.create(project.id);
    const meta = { id: 'rule-x', title: 't', category: 'contract' as const, source: 'spec' as const, severity: 'low' as const, rationale: 'r', fix: 'f' };
    const findings: Finding[] = Array.from({ length: 5 }, (_, i) => createFinding(meta, { message: `m${i}`, evidence: [{ kind: 'spec', file: 'a.yaml', pointer: `/p/${i}` }] }));
    await audits.saveFindings(audit.id, findings);
    await audits.saveFindings(audit.id, findings);
    expect(await audits.countFindings(audit.id)).toBe(5);
    const page1 = await audits.findingsPage(audit.id, undefined, 2);
    const page2 = await audits.findingsPage(audit.id, page1.next, 2);
    const page3 = await audits.findingsPage(audit.id, page2.next, 2);
    expect([...page1.items, ...page2.items, ...page3.items].map((f) => f.message)).toEqual(['m0', 'm1', 'm2', 'm3', 'm4']);
    expect(page3.next).toBeUndefined();
  });

  it('tracks an audit from queued to succeeded and keeps its artifacts with an ETag', async () => {
    const catalog = new CatalogRepository(db);
    const audits = new AuditRepository(db);
    const project = await catalog.createProject((await catalog.createClient('Gamma')).id, 'p');
    const audit = await audits.create(project.id);
    expect(audit.status).toBe('queued');
    await audits.markRunning(audit.id, { step: 'analyze', percent: 40 });
    expect((await audits.findById(audit.id))?.startedAt).toBeInstanceOf(Date);
    await audits.markSucceeded(audit.id, { subject: 'S', scores: { overall: 90, byCategory: {}, counts: { info: 0, low: 1, medium: 0, high: 0, critical: 0 } }, inventory: [], plan: { title: 'Plan', subject: 'S', generatedAt: '2026-12-07T00:00:00.000Z', summary: '', items: [] } });
    const done = await audits.findById(audit.id);
    expect(done).toMatchObject({ status: 'succeeded', progress: { step: 'done', percent: 100 }, subject: 'S' });
    await audits.saveArtifact(audit.id, 'plan.html', 'text/html', Buffer.from('<p>x</p>'));
    await audits.saveArtifact(audit.id, 'plan.html', 'text/html', Buffer.from('<p>y</p>'));
    expect((await audits.artifactContent(audit.id, 'plan.html'))?.toString()).toBe('<p>y</p>');
    expect((await audits.artifactInfo(audit.id, 'plan.html'))?.etag).toMatch(/^"[0-9a-f]{32}"$/);
  });
});
