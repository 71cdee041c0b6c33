import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { Problem } from './problem';

export const MAX_PAGE_SIZE = 200;

/** `limit` and `cursor` of every listing; the cursor is opaque to callers (they follow `next`). */
export class PageQueryDto {
  @ApiPropertyOptional({ minimum: 1, maximum: MAX_PAGE_SIZE, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  limit?: number;

  @ApiPropertyOptional({ description: 'the cursor in the previous page\'s `next` link' })
  @IsOptional()
  @IsString()
  @MaxLength(512)
  @Matches(/^[\w-]+$/, { message: 'cursor is not one this API issued' })
  cursor?: string;
}

/** The value a cursor carries, or a 400 problem when it was not made by `encodeCursor`. */
export function decodeCursor<T>(cursor: string | undefined, isValid: (value: unknown) => value is T): T | undefined {
  if (cursor === undefined) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    value = undefined;
  }
  if (!isValid(value)) throw new Problem(400, 'invalid-request', 'Invalid request', 'cursor is not one this API issued', { field: 'cursor' });
  return value;
}

export function encodeCursor(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

/** The `next` link of a page: the same URL with the new cursor, or null on the last page. */
export function nextLink(path: string, query: Record<string, string | number | undefined>, cursor: string | undefined): string | null {
  if (cursor === undefined) return null;
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries({ ...query, cursor })) if (value !== undefined && value !== '') params.set(name, String(value));
  return `${path}?${params.toString()}`;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (value: unknown): value is string => typeof value === 'string' && UUID.test(value);

export const DEFAULT_PAGE_SIZE = 50;

/**
 * A keyset page over rows in a fixed order: asks the repository for one row more than the page holds, and returns
 * the page with the cursor of its last row (`next`, null on the last page). The cursor names a row id, nothing else.
 */
export async function pageByRowId<T extends { id: string }>(
  page: PageQueryDto,
  link: { path: string; query?: Record<string, string | number | undefined> },
  fetch: (limit: number, afterId: string | undefined) => Promise<T[]>,
): Promise<{ items: T[]; next: string | null }> {
  const limit = page.limit ?? DEFAULT_PAGE_SIZE;
  const after = decodeCursor(page.cursor, (value): value is { after: string } => isUuid((value as { after?: unknown } | null)?.after));
  const rows = await fetch(limit + 1, after?.after);
  const items = rows.slice(0, limit);
  const cursor = rows.length > limit ? encodeCursor({ after: items[items.length - 1].id }) : undefined;
  return { items, next: nextLink(link.path, { ...link.query, limit: page.limit }, cursor) };
}
