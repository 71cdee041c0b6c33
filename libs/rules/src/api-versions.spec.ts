import { join, resolve } from 'node:path';
import { buildApiModel, loadSpec, loadSpecFromFiles } from '@apiaudit/openapi';
import { isHealthProbe } from './api-versions';
import { lintSpec } from './index';
import { oas } from './rule-fixtures';

const ok = { '200': { description: 'ok', content: { 'application/json': { schema: { type: 'object' } } } } };
const corpus = resolve(__dirname, '../../../../shared/corpus/specs');

async function versionFindings(doc: Record<string, unknown>) {
  const model = buildApiModel(await loadSpecFromFiles(new Map([['openapi.json', JSON.stringify(doc, null, 2)]])));
  return lintSpec(model, (id) => id === 'api-version-missing' || id === 'api-versioning-mixed');
}

function paths(list: string[]) {
  return Object.fromEntries(list.map((path) => [path, { get: { responses: ok } }]));
}

describe('isHealthProbe', () => {
  it('knows probes at the root or under an infrastructure prefix, and nothing under a version or a resource', () => {
    for (const path of ['/health', '/healthz', '/ready', '/livez', '/ping', '/version/', '/api/health', '/actuator/health', '/.well-known/openid-configuration'])
      expect(isHealthProbe(path)).toBe(true);
    for (const path of ['/v1/health', '/orders/status', '/orders', '/api/orders']) expect(isHealthProbe(path)).toBe(false);
  });
});

describe('api-version-missing tells the truth', () => {
  it('does not fire when every operation but the health probes is under /v1 (neither does the mixed rule)', async () => {
    const twelve = Array.from({ length: 12 }, (_, i) => `/v1/things${i}`);
    const doc = { ...oas(paths([...twelve, '/health', '/ready'])), servers: [{ url: 'https://api.example.com' }] };
    expect(await versionFindings(doc)).toEqual([]);
  });

  it('counts only the operations that should carry a version, and names the probes it left out', async () => {
    const doc = { ...oas(paths(['/orders', '/orders/{id}', '/health'])), servers: [{ url: 'https://api.example.com' }] };
    const [finding, ...rest] = await versionFindings(doc);
    expect(rest).toEqual([]);
    expect(finding.message).toBe('None of 2 operations carries a version in its path, a header or its media type (1 health probe not counted: /health).');
  });

  it('leaves a partly versioned API to api-versioning-mixed', async () => {
    const doc = { ...oas(paths(['/v1/orders', '/v1/items', '/legacy/orders'])), servers: [{ url: 'https://api.example.com' }] };
    expect((await versionFindings(doc)).map((finding) => finding.ruleId)).toEqual(['api-versioning-mixed']);
  });

  it.each([
    // /2.0 in the server URL; /v2 on 658 of 659 paths; v1beta1-style groups; Accept: application/vnd.pagerduty+json;version=2.
    'box-platform.json',
    'digitalocean-public-v2/DigitalOcean-public.v2.yaml',
    'kubernetes-v1.9.12.json',
    'pagerduty-rest-v2.json',
  ])('finds the version real APIs carry: %s', async (name) => {
    const model = buildApiModel(await loadSpec(join(corpus, name)));
    expect(lintSpec(model, (id) => id === 'api-version-missing')).toEqual([]);
  }, 60000);

  it('still reports a real API with no version at all (RealWorld under /api)', async () => {
    const model = buildApiModel(await loadSpec(join(corpus, 'realworld-conduit-1.1.0.yml')));
    const [finding] = lintSpec(model, (id) => id === 'api-version-missing');
    expect(finding.message).toBe('None of 19 operations carries a version in its path, a header or its media type.');
  }, 60000);
});
