import { Inject, Injectable } from '@nestjs/common';
import { LRUCache } from 'lru-cache';
import { AuditRepository, type PlatformConfig } from '@apiaudit/db';
import { InvalidationBus } from '../cache/invalidation-bus';
import { PLATFORM_CONFIG } from '../sources/sources.service';
import type { FindingListQueryDto } from './findings.dto';

interface CachedPage {
  projectId: string;
  /** The page as sent: serializing 50 findings on every hit would cost more than the rest of the request. */
  json: string;
}

/**
 * Findings pages of succeeded audits, which is what a client's team reads all day. A succeeded audit's
 * findings never change (a late step never reopens a finished audit); what does change is their state in the
 * project (status, assignee, comments), and every such change made through the api forgets the project's pages
 * on every instance (InvalidationBus). `cacheSeconds` bounds anything else.
 */
@Injectable()
export class FindingPageCache {
  private readonly pages?: LRUCache<string, CachedPage>;
  /** Succeeded audits and their project; an audit stays succeeded. */
  private readonly succeeded = new LRUCache<string, string>({ max: 10_000 });
  /** Changes seen per project: a page read while its project changed is not kept. */
  private readonly changes = new LRUCache<string, number>({ max: 100_000 });

  constructor(
    @Inject(PLATFORM_CONFIG) config: PlatformConfig,
    private readonly audits: AuditRepository,
    private readonly bus: InvalidationBus,
  ) {
    if (config.cacheSeconds === 0) return;
    // At most 64 MiB of pages, counted as UTF-16 (a page of 50 findings is about 30 KB of JSON).
    const pages = new LRUCache<string, CachedPage>({ maxSize: 64 * 1024 ** 2, sizeCalculation: (page) => page.json.length * 2, ttl: config.cacheSeconds * 1000 });
    this.pages = pages;
    bus.on((message) => {
      if (message.kind !== 'project') return;
      this.changes.set(message.id, (this.changes.get(message.id) ?? 0) + 1);
      for (const [key, cached] of pages.entries()) if (cached.projectId === message.id) pages.delete(key);
    });
  }

  /** The page `read` gives for this query, remembered when the audit has succeeded. */
  async page(auditId: string, query: FindingListQueryDto, read: () => Promise<string>): Promise<string> {
    if (!this.pages) return read();
    const key = `${auditId} ${JSON.stringify(query, Object.keys(query).sort())}`;
    const cached = this.pages.get(key);
    if (cached) return cached.json;
    const projectId = await this.projectOfSucceeded(auditId);
    if (!projectId) return read();
    const changesBefore = this.changes.get(projectId);
    const json = await read();
    if (this.changes.get(projectId) === changesBefore) this.pages.set(key, { projectId, json });
    return json;
  }

  /** After a change to findings' state in a project: its cached pages are stale everywhere. */
  forgetProject(projectId: string): Promise<void> {
    return this.bus.publish({ kind: 'project', id: projectId });
  }

  private async projectOfSucceeded(auditId: string): Promise<string | undefined> {
    const known = this.succeeded.get(auditId);
    if (known) return known;
    const audit = await this.audits.progressOf(auditId);
    if (audit?.status !== 'succeeded') return undefined;
    this.succeeded.set(auditId, audit.projectId);
    return audit.projectId;
  }
}
