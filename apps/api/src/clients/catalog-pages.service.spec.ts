import type { KeysetPage } from '@apiaudit/db';
import { Problem } from '../http/problem';
import { encodeCursor } from '../http/page';
import { listPage } from './catalog-pages.service';

const ID = '00000000-0000-4000-8000-000000000001';

describe('listPage', () => {
  it('passes the cursor’s id and the limit to the repository and links the next page by the last id', async () => {
    const asked: Array<[string | undefined, number]> = [];
    const fetch = async (after: string | undefined, limit: number): Promise<KeysetPage<{ id: string }>> => {
      asked.push([after, limit]);
      return { items: [{ id: 'a' }], after: ID };
    };
    const page = await listPage('/v1/clients', { limit: 1, cursor: encodeCursor(ID) }, fetch);
    expect(asked).toEqual([[ID, 1]]);
    expect(page).toEqual({ items: [{ id: 'a' }], next: `/v1/clients?limit=1&cursor=${encodeCursor(ID)}` });
  });

  it('answers next: null on the last page and pages by 50 without a limit', async () => {
    const page = await listPage('/v1/clients', {}, async (_after, limit) => ({ items: Array.from({ length: Math.min(limit, 3) }, (_, i) => ({ id: String(i) })) }));
    expect(page.items).toHaveLength(3);
    expect(page.next).toBeNull();
  });

  it('refuses a cursor it did not issue with a 400 problem, before asking the repository', async () => {
    let asked = false;
    const error = await listPage('/v1/clients', { cursor: encodeCursor('not-an-id') }, async () => ((asked = true), { items: [] })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Problem);
    expect((error as Problem).status).toBe(400);
    expect(asked).toBe(false);
  });
});
