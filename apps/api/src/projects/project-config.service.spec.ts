import type { CatalogRepository, StoredAuditConfig } from '@apiaudit/db';
import { Problem } from '../http/problem';
import { configMediaType, ProjectConfigService } from './project-config.service';

/** The repository edge, in memory: one project, and what was saved for it. */
function fakeCatalog(projectId: string) {
  const saved: Array<Omit<StoredAuditConfig, 'updatedAt'>> = [];
  const catalog = {
    saveAuditConfig: async (id: string, config: Omit<StoredAuditConfig, 'updatedAt'>) => (id === projectId ? (saved.push(config), { ...config, updatedAt: new Date(0) }) : null),
    auditConfigOf: async () => null,
    findProject: async (id: string) => (id === projectId ? { id } : null),
  } as unknown as CatalogRepository;
  return { catalog, saved };
}

async function problemOf(promise: Promise<unknown>): Promise<Problem> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(Problem);
  return error as Problem;
}

describe('configMediaType', () => {
  it.each([
    ['application/yaml', 'application/yaml'],
    ['text/yaml; charset=utf-8', 'application/yaml'],
    ['application/x-yaml', 'application/yaml'],
    ['application/json', 'application/json'],
    ['application/vnd.apiaudit+json', 'application/json'],
    ['text/plain', undefined],
    [undefined, undefined],
  ])('reads %s as %s', (header, expected) => {
    expect(configMediaType(header)).toBe(expected);
  });
});

describe('ProjectConfigService.replace', () => {
  const projectId = '00000000-0000-4000-8000-000000000001';

  it('stores the text as sent with its media type', async () => {
    const { catalog, saved } = fakeCatalog(projectId);
    const answer = await new ProjectConfigService(catalog).replace(projectId, 'application/yaml', 'rules:\n  operation-missing-summary: off\n');
    expect(answer).toEqual({ mediaType: 'application/yaml', updatedAt: new Date(0), warnings: [] });
    expect(saved).toEqual([{ text: 'rules:\n  operation-missing-summary: off\n', mediaType: 'application/yaml' }]);
  });

  it('stores nothing when the config is invalid, and names the key in a 422', async () => {
    const { catalog, saved } = fakeCatalog(projectId);
    const problem = await problemOf(new ProjectConfigService(catalog).replace(projectId, 'application/json', '{"rules":{"x":"loud"}}'));
    expect(problem.status).toBe(422);
    expect(problem.extra).toEqual({ key: 'rules.x' });
    expect(problem.detail).toMatch(/^apiaudit\.json: rules\.x /);
    expect(saved).toEqual([]);
  });

  it('answers 404 for a project that does not exist, after validating', async () => {
    const { catalog } = fakeCatalog(projectId);
    const problem = await problemOf(new ProjectConfigService(catalog).replace('00000000-0000-4000-8000-000000000002', 'application/yaml', 'rules: {}\n'));
    expect(problem.status).toBe(404);
  });

  it('answers 404 naming the defaults when the project has no config', async () => {
    const { catalog } = fakeCatalog(projectId);
    const problem = await problemOf(new ProjectConfigService(catalog).current(projectId));
    expect(problem.detail).toMatch(/audits use the defaults/);
  });
});
