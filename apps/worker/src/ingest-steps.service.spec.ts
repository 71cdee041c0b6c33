import { UnrecoverableError } from 'bullmq';
import type { AuditEntity, AuditRepository, SourceEntity, SourceRepository } from '@apiaudit/db';
import type { AuditJobName, AuditSourceReport } from '@apiaudit/domain';
import type { AuditStepQueue } from './audit-step-queue';
import { IngestSteps } from './ingest-steps.service';
import type { RepositoryScanner } from './repository-scanner';

const AUDIT = '00000000-0000-4000-8000-0000000000a1';

function source(id: string, kind: SourceEntity['kind'], extra: Partial<SourceEntity> = {}): SourceEntity {
  return { id, projectId: 'p', kind, version: 1, filename: `${id}.${kind}`, repository: null, ...extra } as SourceEntity;
}

/** The repository and queue edges in memory: a project's stored sources, the audit row, and a scanner that fails where told. */
function ingestWith(stored: { spec?: SourceEntity; traces?: SourceEntity[]; repositories?: SourceEntity[] }, failing: Record<string, Error> = {}) {
  const enqueued: AuditJobName[] = [];
  const saved: AuditSourceReport[][] = [];
  const row = { id: AUDIT, projectId: 'p', triggeredBy: null, sources: null } as unknown as AuditEntity;
  const audits = {
    findById: async () => row,
    saveSources: async (_id: string, sources: AuditSourceReport[]) => {
      saved.push(sources);
      row.sources = sources;
    },
    markRunning: async () => {},
    recordProgress: async () => {},
  } as unknown as AuditRepository;
  const sources = { inputsOfProject: async () => ({ traces: [], repositories: [], ...stored }) } as unknown as SourceRepository;
  const scanner = {
    scan: async (s: SourceEntity) => {
      if (failing[s.id]) throw failing[s.id];
      return { commitSha: 'a'.repeat(40), reused: false };
    },
  } as unknown as RepositoryScanner;
  const queue = { enqueue: async (step: AuditJobName) => void enqueued.push(step) } as unknown as AuditStepQueue;
  return { steps: new IngestSteps(audits, sources, scanner, queue), enqueued, saved };
}

describe('IngestSteps.ingest: the step after it', () => {
  it.each<[string, Parameters<typeof ingestWith>[0], AuditJobName]>([
    ['repositories are scanned first', { spec: source('s', 'spec'), traces: [source('t', 'traces')], repositories: [source('r', 'repository')] }, 'scan-repositories'],
    ['trace exports are analysed next', { spec: source('s', 'spec'), traces: [source('t', 'traces')] }, 'analyze-traces'],
    ['a spec alone goes to the analysis', { spec: source('s', 'spec') }, 'analyze'],
  ])('%s', async (_case, stored, next) => {
    const { steps, enqueued } = ingestWith(stored);
    await steps.ingest(AUDIT);
    expect(enqueued).toEqual([next]);
  });

  it('reports a missing kind of source on the audit and fails a project with no source for good', async () => {
    const { steps, enqueued, saved } = ingestWith({});
    await expect(steps.ingest(AUDIT)).rejects.toThrow(UnrecoverableError);
    expect(saved[0]!.map((s) => `${s.kind} ${s.status}`)).toEqual(['spec missing', 'traces missing']);
    expect(enqueued).toEqual([]);
  });
});

describe('IngestSteps.scanRepositories', () => {
  it('reports a repository that cannot be fetched and goes on with the others', async () => {
    const { steps, enqueued, saved } = ingestWith({ spec: source('s', 'spec'), repositories: [source('gone', 'repository'), source('ok', 'repository')] }, { gone: new UnrecoverableError('404 Not Found') });
    await steps.scanRepositories(AUDIT, { lastAttempt: false });
    expect(saved.at(-1)!.filter((s) => s.kind === 'repository').map((s) => `${s.sourceId} ${s.status}`)).toEqual(['gone failed', 'ok read']);
    expect(enqueued).toEqual(['analyze']);
  });

  it('retries a passing error until the last attempt, then reports it', async () => {
    const repositories = [source('busy', 'repository')];
    const { steps, saved } = ingestWith({ spec: source('s', 'spec'), repositories }, { busy: new Error('socket hang up') });
    await expect(steps.scanRepositories(AUDIT, { lastAttempt: false })).rejects.toThrow('socket hang up');
    await steps.scanRepositories(AUDIT, { lastAttempt: true });
    expect(saved.at(-1)!.find((s) => s.sourceId === 'busy')?.status).toBe('failed');
  });

  it('fails the audit for good when no source at all could be read', async () => {
    const { steps, enqueued } = ingestWith({ repositories: [source('gone', 'repository')] }, { gone: new UnrecoverableError('404 Not Found') });
    await expect(steps.scanRepositories(AUDIT, { lastAttempt: false })).rejects.toThrow(/no source could be read: gone.repository: could not be fetched/);
    expect(enqueued).toEqual([]);
  });
});
