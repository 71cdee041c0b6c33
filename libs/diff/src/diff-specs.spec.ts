import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { buildApiModel, loadSpec, loadSpecFromFiles } from '@apiaudit/openapi';
import { changesToFindings, diffSpecs, renderChangelogMarkdown } from './index';
import { get, model, now, q, spec } from './pairs/fixtures';
const corpus = resolve(__dirname, '../../../../shared/corpus/specs');

describe('diffSpecs on real specs', () => {
  it('reports exactly what changed between RealWorld 1.0.0 and 1.1.0', async () => {
    const changes = diffSpecs(buildApiModel(await loadSpec(resolve(corpus, 'realworld-conduit-1.0.0.yml'))), buildApiModel(await loadSpec(resolve(corpus, 'realworld-conduit-1.1.0.yml'))), { now });
    expect(changes.map((c) => `${c.checkId} ${c.operation ? `${c.operation.method} ${c.operation.path}` : ''}`.trim()).sort()).toEqual(
      [
        'response-status-added DELETE /articles/{slug}',
        'response-status-added DELETE /articles/{slug}/comments/{id}',
        'response-success-status-removed DELETE /articles/{slug}',
        'response-success-status-removed DELETE /articles/{slug}/comments/{id}',
        'server-url-changed',
        'api-version-changed',
        'openapi-version-changed',
      ].sort(),
    );
    expect(changes.find((c) => c.checkId === 'response-success-status-removed')?.base).toMatchObject({ file: 'realworld-conduit-1.0.0.yml' });
  });

  it('finds nothing between Kubernetes and itself, and exactly the one operation removed from a copy', async () => {
    const text = readFileSync(resolve(corpus, 'kubernetes-v1.9.12.json'), 'utf8');
    const base = buildApiModel(await loadSpec(resolve(corpus, 'kubernetes-v1.9.12.json')));
    const same = buildApiModel(await loadSpecFromFiles(new Map([['kubernetes-v1.9.12.json', text]])));
    expect(diffSpecs(base, same, { now })).toEqual([]);
    const edited = JSON.parse(text);
    delete edited.paths['/api/v1/namespaces'].post;
    const revision = buildApiModel(await loadSpecFromFiles(new Map([['k.json', JSON.stringify(edited)]])));
    const changes = diffSpecs(base, revision, { now });
    expect(changes.map((c) => [c.checkId, c.operation])).toEqual([['operation-removed', { method: 'POST', path: '/api/v1/namespaces' }]]);
  }, 60000);
});

describe('changelog and findings', () => {
  it('groups by operation, breaking first, and turns breaking changes into high findings', async () => {
    const changes = diffSpecs(await model(spec({ '/a': get(), '/b': get() })), await model(spec({ '/a': get({ parameters: [q('sort')] }) })), { now });
    const markdown = renderChangelogMarkdown(changes);
    expect(markdown).toMatch(/^# API changelog\n\n1 breaking, 0 potentially breaking, 1 compatible\./);
    expect(markdown.indexOf('GET /b')).toBeLessThan(markdown.indexOf('GET /a'));
    const findings = changesToFindings(changes);
    expect(findings.map((f) => [f.ruleId, f.severity]).sort()).toEqual([['operation-removed', 'high'], ['request-parameter-added-optional', 'info']]);
  });
});
