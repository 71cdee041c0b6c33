import { buildApiModel, loadSpecFromFiles, type ApiModel } from '@apiaudit/openapi';

// Builders for small, focused spec pairs: each pair changes one thing and names the check ids it must produce.
export const now = new Date('2026-11-25T00:00:00Z');

export type Doc = Record<string, unknown>;
/** What changed, base, revision, and exactly the check ids that must come out: no more, no fewer. */
export type Pair = [name: string, base: Doc, revision: Doc, expected: string[]];

export const obj = (properties: Doc, required?: string[]) => ({ type: 'object', properties, ...(required ? { required } : {}) });
export const json = (schema: Doc) => ({ 'application/json': { schema } });
export const ok = (schema: Doc = obj({ id: { type: 'string' } }, ['id'])) => ({ '200': { description: 'ok', content: json(schema) } });
export const spec = (paths: Doc, extra: Doc = {}): Doc => ({ openapi: '3.0.3', info: { title: 't', version: '1' }, servers: [{ url: 'https://api.example.com/v1' }], paths, ...extra });
export const get = (op: Doc = {}) => ({ get: { responses: ok(), ...op } });
export const post = (body: Doc, op: Doc = {}) => ({ post: { requestBody: { required: true, content: json(body) }, responses: ok(), ...op } });
export const q = (name: string, schema: Doc = { type: 'string' }, required = false, where = 'query') => ({ name, in: where, required, schema });
/** A GET whose 200 response has `schema`. */
export const returns = (schema: Doc, op: Doc = {}) => get({ responses: ok(schema), ...op });

export async function model(doc: Doc): Promise<ApiModel> {
  return buildApiModel(await loadSpecFromFiles(new Map([['openapi.json', JSON.stringify(doc, null, 2)]])));
}
