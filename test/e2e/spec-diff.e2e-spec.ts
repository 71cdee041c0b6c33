import { Queue } from 'bullmq';
import { Client } from 'pg';
import { redisConnection } from '@apiaudit/db';
import { AUDIT_QUEUE, diffSpecJobId, SourceJob } from '@apiaudit/domain';
import { createProject, startTestPlatform, type TestPlatform } from '../setup/platform';
import { TEST_REDIS_URL, testDatabaseUrl, testQueuePrefix } from '../setup/test-env';

const specV1 = `openapi: 3.0.3
info: {title: Pets, version: 1.0.0}
paths:
  /pets:
    get:
      operationId: listPets
      responses:
        '200': {description: the pets}
  /pets/{petId}:
    parameters:
      - {name: petId, in: path, required: true, schema: {type: string}}
    get:
      operationId: getPet
      responses:
        '200': {description: one pet}
    delete:
      operationId: deletePet
      responses:
        '204': {description: deleted}
`;
// v2 drops DELETE /pets/{petId}, which was never deprecated (one breaking change), and bumps info.version.
const specV2 = specV1.replace(/    delete:\n(?: {6}.*\n)+/, '').replace('version: 1.0.0', 'version: 2.0.0');

describe('spec versions: every new version runs a diff-spec job on the worker', () => {
  let platform: TestPlatform;
  let queue: Queue;
  let http: TestPlatform['http'];

  beforeAll(async () => {
    platform = await startTestPlatform();
    http = platform.http;
    queue = new Queue(AUDIT_QUEUE, { connection: redisConnection(TEST_REDIS_URL), prefix: testQueuePrefix() });
  }, 60000);

  afterAll(async () => {
    await queue?.close();
    await platform?.close();
  });

  async function diffJobsOf(sourceId: string) {
    const jobs = await queue.getJobs(['waiting', 'active', 'delayed', 'prioritized', 'completed', 'failed']);
    return jobs.filter((j) => j?.name === SourceJob.diffSpec && (j.data as { sourceId?: string }).sourceId === sourceId);
  }

  async function upload(projectId: string, spec: string, status: number) {
    return http.post(`/v1/projects/${projectId}/sources?filename=openapi.yaml`).set('content-type', 'application/yaml').send(spec).expect(status);
  }

  it('diffs v2 against v1, serves it as JSON and Markdown, and does not re-enqueue for identical bytes', async () => {
    expect(specV2).not.toContain('delete:');
    const projectId = await createProject(http, 'Pet Store Inc', 'Pets');

    const v1 = await upload(projectId, specV1, 201);
    expect(v1.body).toMatchObject({ kind: 'spec', version: 1 });
    expect(await diffJobsOf(v1.body.id)).toHaveLength(0);
    const first = await http.get(`/v1/projects/${projectId}/sources/spec/versions/1/diff`).expect(404);
    expect(first.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(first.body.detail).toMatch(/no previous version/);

    const v2 = await upload(projectId, specV2, 201);
    expect(v2.body).toMatchObject({ kind: 'spec', version: 2 });
    const url = `/v1/projects/${projectId}/sources/spec/versions/2/diff`;

    let res = await http.get(url);
    const deadline = Date.now() + 60_000;
    while (res.status === 404 && Date.now() < deadline) {
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      await new Promise((r) => setTimeout(r, 250));
      res = await http.get(url);
    }
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.body).toMatchObject({ sourceId: v2.body.id, baseSourceId: v1.body.id, baseVersion: 1, version: 2, summary: { breaking: 1, potentiallyBreaking: 0, nonBreaking: 0, info: 1 } });
    expect(res.body.changes.map((c: { checkId: string }) => c.checkId)).toEqual(['operation-removed', 'api-version-changed']);
    expect(res.body.changes[0]).toMatchObject({ level: 'breaking', operation: { method: 'DELETE', path: '/pets/{petId}' } });

    const markdown = await http.get(url).set('Accept', 'text/markdown').expect(200);
    expect(markdown.headers['content-type']).toMatch(/^text\/markdown/);
    expect(markdown.text).toContain('# API changelog');
    expect(markdown.text).toContain('DELETE /pets/{petId}');
    expect(markdown.text).toContain('1 breaking');

    const jobId = diffSpecJobId({ sourceId: v2.body.id, version: 2 });
    const jobs = await diffJobsOf(v2.body.id);
    expect(jobs.map((j) => j.id)).toEqual([jobId]);
    expect(await jobs[0]!.getState()).toBe('completed');
    // Free the job id so an enqueue on re-upload would show up, then send the same bytes again.
    await jobs[0]!.remove();
    const again = await upload(projectId, specV2, 200);
    expect(again.body).toMatchObject({ id: v2.body.id, version: 2 });
    await new Promise((r) => setTimeout(r, 500));
    expect(await queue.getJob(jobId)).toBeUndefined();
    expect(await diffJobsOf(v2.body.id)).toHaveLength(0);
    // The stored diff is still served.
    await http.get(url).expect(200);

    // A diff that went missing (its enqueue lost, say): GET only says so, POST queues it again, then it is served.
    const db = new Client({ connectionString: testDatabaseUrl() });
    await db.connect();
    await db.query('DELETE FROM spec_diffs WHERE source_id = $1', [v2.body.id]);
    await db.end();
    const notReady = await http.get(url).expect(404);
    expect(notReady.body.detail).toContain('POST to this URL');
    await new Promise((r) => setTimeout(r, 300));
    expect(await diffJobsOf(v2.body.id)).toHaveLength(0); // a GET queues nothing
    const queued = await http.post(url).expect(202);
    expect(queued.headers.location).toBe(url);
    expect(queued.body).toEqual({ status: 'queued' });
    res = await http.get(url);
    const healedBy = Date.now() + 60_000;
    while (res.status === 404 && Date.now() < healedBy) {
      await new Promise((r) => setTimeout(r, 250));
      res = await http.get(url);
    }
    expect(res.status).toBe(200);
    expect(res.body.summary.breaking).toBe(1);
    expect((await http.post(url).expect(200)).body).toEqual({ status: 'stored' });

    const missing = await http.get(`/v1/projects/${projectId}/sources/spec/versions/3/diff`).expect(404);
    expect(missing.body.type).toBe('https://apiaudit.dev/problems/not-found');
    await http.get(`/v1/projects/${projectId}/sources/spec/versions/two/diff`).expect(400);
    await http.post(`/v1/projects/${projectId}/sources/spec/versions/1/diff`).expect(404);
  });
});
