import { Injectable } from '@nestjs/common';
import { AuditLogRepository } from '@apiaudit/db';
import { decodeCursor, encodeCursor, nextLink } from '../http/page';
import type { AuditLogPageDto, AuditLogQueryDto } from './audit-log.dto';

// Entry ids are PostgreSQL bigint: 19 digits can still be beyond it.
const isEntryId = (value: unknown): value is string => typeof value === 'string' && /^\d{1,19}$/.test(value) && BigInt(value) <= 9_223_372_036_854_775_807n;

/** The platform's audit log, read a page at a time; the cursor is the last entry's id. */
@Injectable()
export class AuditLogService {
  constructor(private readonly log: AuditLogRepository) {}

  /** Newest first, optionally one action or one client's entries. */
  async page(query: AuditLogQueryDto): Promise<AuditLogPageDto> {
    const limit = query.limit ?? 50;
    const page = await this.log.page({ action: query.action, clientId: query.clientId, before: decodeCursor(query.cursor, isEntryId) }, limit);
    return { items: page.items, next: nextLink('/v1/audit-log', { limit, action: query.action, clientId: query.clientId }, page.next && encodeCursor(page.next)) };
  }
}
