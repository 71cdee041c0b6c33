import { buildApiModel, loadSpecFromFiles } from '@apiaudit/openapi';
import { lintSpec } from './index';
import { oas } from './rule-fixtures';

/** The operations success-response-carries-error reports for these 200 bodies, one path each. */
async function reported(bodies: Record<string, Record<string, unknown>>): Promise<string[]> {
  const paths = Object.fromEntries(
    Object.entries(bodies).map(([path, properties]) => [path, { get: { responses: { '200': { description: 'ok', content: { 'application/json': { schema: { type: 'object', properties } } } } } } }]),
  );
  const model = buildApiModel(await loadSpecFromFiles(new Map([['openapi.json', JSON.stringify(oas(paths))]])));
  return lintSpec(model, (id) => id === 'success-response-carries-error')
    .map((finding) => finding.endpoint!.path)
    .sort();
}

describe('success-response-carries-error', () => {
  const error = { type: 'string', nullable: true };

  it('reports error fields and success flags in a 2xx body', async () => {
    expect(await reported({ '/error': { error }, '/errors': { errors: { type: 'array' } }, '/success': { success: { type: 'boolean' } }, '/ok': { ok: { type: 'boolean' } }, '/clean': { id: { type: 'string' } } })).toEqual([
      '/error',
      '/errors',
      '/ok',
      '/success',
    ]);
  });

  it("leaves a job's error alone when its status or state can still be in progress", async () => {
    expect(
      await reported({
        '/audits': { status: { type: 'string', enum: ['queued', 'running', 'succeeded', 'failed'] }, error },
        '/operations': { state: { type: 'string', enum: ['PENDING', 'IN_PROGRESS', 'DONE'] }, errors: { type: 'array' } },
        '/exports': { status: { type: 'string', enum: ['In Progress', 'Completed'] }, error },
      }),
    ).toEqual([]);
  });

  it('still reports a status that is only an outcome, a status without values, and a success flag beside a job status', async () => {
    expect(
      await reported({
        '/outcome': { status: { type: 'string', enum: ['ok', 'failed'] }, error },
        '/free-text': { status: { type: 'string' }, error },
        '/flagged': { status: { type: 'string', enum: ['running', 'done'] }, success: { type: 'boolean' } },
      }),
    ).toEqual(['/flagged', '/free-text', '/outcome']);
  });
});
