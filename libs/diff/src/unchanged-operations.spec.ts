import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { buildApiModel, loadSpec, loadSpecFromFiles, type ApiModel } from '@apiaudit/openapi';
import { diffSpecs } from './diff-specs';
import { get, json, model, now, obj, spec, type Doc } from './pairs/fixtures';
import { unchangedOperations } from './unchanged-operations';

const corpus = resolve(__dirname, '../../../../shared/corpus/specs');

/** The operations the shortcut would skip, as "METHOD path". */
function skipped(base: ApiModel, revision: ApiModel): string[] {
  const unchanged = unchangedOperations(base, revision);
  const after = new Map(revision.operations.map((op) => [`${op.method} ${op.path}`, op]));
  return base.operations.filter((op) => after.has(`${op.method} ${op.path}`) && unchanged(op, after.get(`${op.method} ${op.path}`)!)).map((op) => `${op.method} ${op.path}`);
}

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const withSchemas = (paths: Doc, schemas: Doc, extra: Doc = {}) => spec(paths, { components: { schemas }, ...extra });
const returning = (schema: Doc) => get({ responses: { '200': { description: 'ok', content: json(schema) } } });

async function files(entries: Record<string, Doc>): Promise<ApiModel> {
  return buildApiModel(await loadSpecFromFiles(new Map(Object.entries(entries).map(([name, doc]) => [name, JSON.stringify(doc)])), 'openapi.json'));
}

describe('unchangedOperations', () => {
  it('skips operations only when nothing they reach through $refs changed, however deep', async () => {
    const schemas = (leafType: string) => ({ A: obj({ b: ref('B') }), B: obj({ c: ref('C') }), C: obj({ leaf: { type: leafType } }), D: obj({ id: { type: 'string' } }) });
    const paths = { '/deep': returning(ref('A')), '/other': returning(ref('D')) };
    const base = await model(withSchemas(paths, schemas('string')));
    expect(skipped(base, await model(withSchemas(paths, schemas('string'))))).toEqual(['get /deep', 'get /other']);
    expect(skipped(base, await model(withSchemas(paths, schemas('integer'))))).toEqual(['get /other']);
  });

  it('settles recursive schemas either way', async () => {
    const tree = (extra: Doc) => withSchemas({ '/tree': returning(ref('Node')) }, { Node: obj({ children: { type: 'array', items: ref('Node') }, ...extra }) });
    const base = await model(tree({}));
    expect(skipped(base, await model(tree({})))).toEqual(['get /tree']);
    expect(skipped(base, await model(tree({ label: { type: 'string' } })))).toEqual([]);
  });

  it('compares the target file of a relative $ref, not just the $ref text', async () => {
    const entry = spec({ '/pets': returning({ $ref: 'schemas.json#/Pet' }) });
    const base = await files({ 'openapi.json': entry, 'schemas.json': { Pet: obj({ name: { type: 'string' } }) } });
    expect(skipped(base, await files({ 'openapi.json': entry, 'schemas.json': { Pet: obj({ name: { type: 'string' } }) } }))).toEqual(['get /pets']);
    expect(skipped(base, await files({ 'openapi.json': entry, 'schemas.json': { Pet: obj({ name: { type: 'string', maxLength: 9 } }) } }))).toEqual([]);
  });

  it('skips nothing when an inherited setting changed, and counts path-level parameters', async () => {
    const secured = (scheme: string) => spec({ '/a': get() }, { security: [{ [scheme]: [] }], components: { securitySchemes: { k: { type: 'apiKey', in: 'header', name: 'K' }, j: { type: 'http', scheme: 'bearer' } } } });
    expect(skipped(await model(secured('k')), await model(secured('j')))).toEqual([]);
    const withPathParameter = (required: boolean) => spec({ '/a': { parameters: [{ name: 'x', in: 'query', required, schema: { type: 'string' } }], ...get() } });
    expect(skipped(await model(withPathParameter(false)), await model(withPathParameter(true)))).toEqual([]);
  });

  it('leaves a $ref through a $ref to the full comparison', async () => {
    const doc = withSchemas({ '/a': returning({ $ref: '#/components/schemas/Alias/properties/id' }) }, { Alias: ref('Real'), Real: obj({ id: { type: 'string' } }) });
    expect(skipped(await model(doc), await model(doc))).toEqual([]);
  });

  it('gives the diff the same changes as comparing every operation, on Kubernetes with edits deep in shared definitions', async () => {
    const path = resolve(corpus, 'kubernetes-v1.9.12.json');
    const base = buildApiModel(await loadSpec(path));
    const edited = JSON.parse(readFileSync(path, 'utf8'));
    delete edited.definitions['io.k8s.api.core.v1.PodStatus'].properties.hostIP;
    edited.definitions['io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta'].properties.name.maxLength = 253;
    edited.paths['/api/v1/pods'].get.parameters = [...(edited.paths['/api/v1/pods'].get.parameters ?? []), { name: 'tenant', in: 'query', required: true, type: 'string' }];
    const revision = buildApiModel(await loadSpecFromFiles(new Map([['k.json', JSON.stringify(edited)]])));
    const quick = diffSpecs(base, revision, { now });
    expect(quick.length).toBeGreaterThan(100); // ObjectMeta is in nearly every request body
    expect(quick).toEqual(diffSpecs(base, revision, { now, exhaustive: true }));
    expect(skipped(base, revision).length).toBeGreaterThan(0);
  }, 60000);
});
