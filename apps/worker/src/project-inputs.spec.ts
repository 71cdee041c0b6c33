import type { CatalogRepository, SourceEntity, SourceRepository, SpecDiffEntity, SpecDiffRepository, StoredAuditConfig } from '@apiaudit/db';
import type { SpecChange, SpecOutline } from '@apiaudit/domain';
import { ProjectInputs } from './project-inputs';

const PROJECT = '00000000-0000-4000-8000-0000000000aa';

function source(id: string, kind: SourceEntity['kind'], version: number, extra: Partial<SourceEntity> = {}): SourceEntity {
  return { id, projectId: PROJECT, kind, version, filename: kind === 'spec' ? 'openapi.yaml' : 'traces.jsonl', entry: null, path: null, ...extra } as SourceEntity;
}

const REMOVED: SpecChange = { checkId: 'operation-removed', level: 'breaking', operation: { method: 'GET', path: '/old' }, message: 'GET /old was removed.' };

/** The repository edges, in memory: two spec versions, one trace export, a config, and one stored diff made with `storedWindow`. */
function fakes(config: StoredAuditConfig | null, storedWindow: number, outlines = new Map<string, SpecOutline>()) {
  const asked: Array<[string, string, number]> = [];
  const read: string[] = [];
  const sources = {
    inputsOfProject: async () => ({ spec: source('s2', 'spec', 2), previousSpec: source('s1', 'spec', 1), traces: [source('t1', 'traces', 1, { path: '/var/traces/t1.jsonl' })], repositories: [] }),
    contentOf: async (id: string) => {
      read.push(id);
      return Buffer.from(`openapi: 3.0.3\ninfo: {title: ${id}, version: '1'}\npaths:\n  /orders/{id}:\n    get:\n      responses: {'200': {description: ok}}\n`);
    },
    scanOf: async () => undefined,
    specOutlineOf: async (id: string) => outlines.get(id),
    saveSpecOutline: async (id: string, outline: SpecOutline) => void outlines.set(id, outline),
  } as unknown as SourceRepository;
  const catalog = { auditConfigOf: async () => config } as unknown as CatalogRepository;
  const specDiffs = {
    findPair: async (base: string, revision: string, window: number) => {
      asked.push([base, revision, window]);
      return window === storedWindow ? ({ changes: [REMOVED] } as SpecDiffEntity) : null;
    },
  } as unknown as SpecDiffRepository;
  return { inputs: new ProjectInputs(sources, catalog, specDiffs), asked, read, outlines };
}

describe('ProjectInputs.of: the inputs the CLI would build from flags', () => {
  it('passes the project config as --config would, named by its media type', async () => {
    const { inputs } = fakes({ text: '{"rules":{}}', mediaType: 'application/json', updatedAt: new Date(0) }, 90);
    const built = await inputs.of(PROJECT);
    expect(built.configText).toEqual({ text: '{"rules":{}}', file: 'apiaudit.json' });
    expect(built.specs.map((s) => s.label)).toEqual(['openapi.yaml']);
    expect(built.previousSpec?.label).toBe('openapi.yaml');
    expect(built.traces).toEqual([{ path: '/var/traces/t1.jsonl', label: 'traces.jsonl' }]);
  });

  it('reuses the stored diff of the version pair when it was made with the config’s deprecation window', async () => {
    const { inputs, asked } = fakes({ text: 'diff:\n  minDeprecationDays: 30\n', mediaType: 'application/yaml', updatedAt: new Date(0) }, 30);
    const built = await inputs.of(PROJECT);
    expect(asked).toEqual([['s1', 's2', 30]]);
    expect(built.previousChanges).toEqual([REMOVED]);
  });

  it('diffs again when the stored diff used another window (the defaults: 90 days)', async () => {
    const { inputs, asked } = fakes(null, 30);
    const built = await inputs.of(PROJECT);
    expect(asked).toEqual([['s1', 's2', 90]]);
    expect(built.previousChanges).toBeUndefined();
    expect(built.configText).toBeUndefined();
  });
});

describe('ProjectInputs.ofTraceStep: what the trace step reads', () => {
  it('takes the newest spec’s stored outline and never reads the spec', async () => {
    const stored: SpecOutline = { operations: [{ method: 'get', path: '/orders/{id}' }] };
    const { inputs, read } = fakes({ text: '{"rules":{}}', mediaType: 'application/json', updatedAt: new Date(0) }, 90, new Map([['s2', stored]]));
    const built = await inputs.ofTraceStep(PROJECT, { newestTracesOnly: true });
    expect(built).toEqual({
      specOutlines: [stored],
      traces: [{ path: '/var/traces/t1.jsonl', label: 'traces.jsonl' }],
      traceSources: [expect.objectContaining({ id: 't1', path: '/var/traces/t1.jsonl' })],
      repos: [],
      configText: { text: '{"rules":{}}', file: 'apiaudit.json' },
    });
    expect(read).toEqual([]);
  });

  it('leaves out a trace export that could not be read for this audit, in the trace step and the analyze step', async () => {
    const { inputs } = fakes(null, 90, new Map([['s2', { schemaVersion: 1, operations: [] } as unknown as SpecOutline]]));
    const traceStep = await inputs.ofTraceStep(PROJECT, { failedSourceIds: ['t1'] });
    expect(traceStep.traces).toEqual([]);
    expect(traceStep.traceSources).toEqual([]);
    expect((await inputs.of(PROJECT, { failedSourceIds: ['t1'] })).traces).toEqual([]);
  });

  it('parses a spec stored before outlines once, and keeps its outline for the audits after', async () => {
    const { inputs, read, outlines } = fakes(null, 90);
    expect((await inputs.ofTraceStep(PROJECT)).specOutlines).toEqual([{ operations: [{ method: 'get', path: '/orders/{id}' }] }]);
    await inputs.ofTraceStep(PROJECT);
    expect(read).toEqual(['s2']);
    expect([...outlines.keys()]).toEqual(['s2']);
  });
});
