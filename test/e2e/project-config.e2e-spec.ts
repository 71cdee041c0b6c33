import { createProject, startTestPlatform, type TestPlatform } from '../setup/platform';

jest.setTimeout(120000);

let platform: TestPlatform;
let projectId: string;

beforeAll(async () => {
  platform = await startTestPlatform();
  projectId = await createProject(platform.http, 'Config client', 'Config project');
});

afterAll(async () => {
  await platform?.close();
});

const YAML_CONFIG = 'rules:\n  operation-missing-summary: off\n  response-missing-schema: critical\nsuppressions:\n  - rule: list-endpoint-unbounded\n    reason: pages are bounded by the gateway\n';

describe('a project audit config (PUT/GET /v1/projects/{id}/config)', () => {
  it('is a 404 problem until one is stored', async () => {
    const res = await platform.http.get(`/v1/projects/${projectId}/config`).expect(404);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body.detail).toMatch(/use the defaults/);
  });

  it('stores YAML as sent and returns it with its media type', async () => {
    const put = await platform.http.put(`/v1/projects/${projectId}/config`).set('content-type', 'application/yaml').send(YAML_CONFIG).expect(200);
    expect(put.body).toMatchObject({ mediaType: 'application/yaml', warnings: [] });
    const got = await platform.http.get(`/v1/projects/${projectId}/config`).expect(200);
    expect(got.headers['content-type']).toMatch(/^application\/yaml/);
    expect(got.text).toBe(YAML_CONFIG);
  });

  it('stores JSON as sent, and warns about a deprecated rule id as the CLI does', async () => {
    const json = JSON.stringify({ rules: { 'diff-operation-removed': 'critical' }, diff: { minDeprecationDays: 30 } });
    const put = await platform.http.put(`/v1/projects/${projectId}/config`).set('content-type', 'application/json').send(json).expect(200);
    expect(put.body.warnings).toEqual(["apiaudit.json: rule id 'diff-operation-removed' is deprecated; use 'operation-removed'"]);
    const got = await platform.http.get(`/v1/projects/${projectId}/config`).expect(200);
    expect(got.headers['content-type']).toMatch(/^application\/json/);
    expect(got.text).toBe(json);
  });

  it.each([
    ['an unknown severity', 'application/yaml', 'rules:\n  operation-missing-summary: loud\n', 'rules.operation-missing-summary', /^apiaudit\.yaml: rules\.operation-missing-summary must be/],
    ['an unknown top-level key', 'application/yaml', 'rulez: {}\n', 'rulez', /^apiaudit\.yaml: \(top level\) must NOT have additional properties 'rulez'$/],
    ['a suppression without a reason', 'application/json', '{"suppressions":[{"rule":"x"}]}', 'suppressions.0', /^apiaudit\.json: suppressions\.0 must have required property 'reason'$/],
    ['a negative deprecation window', 'application/json', '{"diff":{"minDeprecationDays":-1}}', 'diff.minDeprecationDays', /^apiaudit\.json: diff\.minDeprecationDays must be >= 0$/],
  ])('refuses %s with a 422 problem naming the key, and keeps the stored config', async (_name, type, body, key, detail) => {
    const before = (await platform.http.get(`/v1/projects/${projectId}/config`).expect(200)).text;
    const res = await platform.http.put(`/v1/projects/${projectId}/config`).set('content-type', type).send(body).expect(422);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body).toMatchObject({ type: 'https://apiaudit.dev/problems/invalid-config', status: 422, key });
    expect(res.body.detail).toMatch(detail);
    expect((await platform.http.get(`/v1/projects/${projectId}/config`).expect(200)).text).toBe(before);
  });

  it('refuses YAML and JSON syntax errors with the position or parser message', async () => {
    const yaml = await platform.http.put(`/v1/projects/${projectId}/config`).set('content-type', 'application/yaml').send('rules: {a: b\n').expect(422);
    expect(yaml.body.detail).toMatch(/^apiaudit\.yaml:\d+:\d+: invalid YAML: /);
    const json = await platform.http.put(`/v1/projects/${projectId}/config`).set('content-type', 'application/json').send('{"rules":').expect(422);
    expect(json.body.detail).toMatch(/^apiaudit\.json: invalid JSON: /);
  });

  it('refuses a body that is neither YAML nor JSON with a 415 problem', async () => {
    const res = await platform.http.put(`/v1/projects/${projectId}/config`).set('content-type', 'text/plain').send('rules: {}').expect(415);
    expect(res.body.type).toBe('https://apiaudit.dev/problems/unsupported-media-type');
  });

  it('lets client users read it but only consultants change it', async () => {
    const clientId = (await platform.http.get(`/v1/projects/${projectId}`).expect(200)).body.clientId as string;
    const viewer = await platform.signUp('client-viewer', clientId);
    const admin = await platform.signUp('client-admin', clientId);
    await viewer.http.get(`/v1/projects/${projectId}/config`).expect(200);
    await admin.http.put(`/v1/projects/${projectId}/config`).set('content-type', 'application/yaml').send('rules: {}\n').expect(403);
    await viewer.http.put(`/v1/projects/${projectId}/config`).set('content-type', 'application/yaml').send('rules: {}\n').expect(403);
  });
});
