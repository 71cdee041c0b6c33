import { Injectable } from '@nestjs/common';
import { AuditRepository } from '@apiaudit/db';
import { DEFAULT_PAGE_SIZE, decodeCursor, encodeCursor, nextLink, type PageQueryDto } from '../http/page';
import { notFound, Problem } from '../http/problem';
import type { InventoryPageDto } from './inventory.dto';

// Positions are PostgreSQL int: a forged cursor beyond them is a 400, not a database error.
const isInventoryCursor = (value: unknown): value is { p: number } => {
  const p = (value as { p?: unknown } | null)?.p;
  return typeof p === 'number' && Number.isInteger(p) && p >= 1 && p <= 2_147_483_647;
};

/** A finished audit's endpoint inventory, paged like findings (`limit`, an opaque cursor, the `next` link). */
@Injectable()
export class InventoryService {
  constructor(private readonly audits: AuditRepository) {}

  async page(auditId: string, query: PageQueryDto): Promise<InventoryPageDto> {
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const after = decodeCursor(query.cursor, isInventoryCursor)?.p ?? 0;
    const page = await this.audits.inventoryPage(auditId, after, limit + 1);
    if (!page) {
      const audit = await this.audits.findById(auditId);
      if (!audit) throw notFound('Audit', auditId);
      throw new Problem(409, 'audit-not-finished', 'Audit not finished', `The audit is ${audit.status}; the inventory is ready when it has succeeded.`);
    }
    const items = page.items.slice(0, limit);
    const cursor = page.items.length > limit ? encodeCursor({ p: items[items.length - 1]!.position }) : undefined;
    return { items: items.map((i) => i.endpoint), drift: page.drift, next: nextLink(`/v1/audits/${auditId}/inventory`, { limit: query.limit }, cursor) };
  }
}
