import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { CronExpressionParser } from 'cron-parser';
import { AUDIT_QUEUE, reauditScheduler, reauditSchedulerId, type AuditSchedule } from '@apiaudit/domain';
import { ScheduleRepository, type ScheduleRecord } from '@apiaudit/db';
import { Problem } from '../http/problem';
import type { PutScheduleDto, ScheduleDto } from './schedule.dto';

const invalid = (field: string, detail: string) => new Problem(400, 'invalid-request', 'Invalid request', detail, { field });

/** `{cron, timezone}` or `{everyDays}`, checked: the cron expression parses (cron-parser, as BullMQ reads it) and the zone exists. */
export function parseSchedule(dto: PutScheduleDto): AuditSchedule {
  if ((dto.cron === undefined) === (dto.everyDays === undefined)) throw invalid('cron', 'send either cron (with an optional timezone) or everyDays');
  if (dto.everyDays !== undefined) {
    if (dto.timezone !== undefined) throw invalid('timezone', 'timezone goes with cron, not everyDays');
    return { everyDays: dto.everyDays };
  }
  const timezone = dto.timezone ?? 'UTC';
  try {
    new Intl.DateTimeFormat('en', { timeZone: timezone });
  } catch {
    throw invalid('timezone', `timezone ${timezone} is not an IANA time zone`);
  }
  try {
    CronExpressionParser.parse(dto.cron!, { tz: timezone });
  } catch (error) {
    throw invalid('cron', `cron is not a cron expression: ${(error as Error).message}`);
  }
  return { cron: dto.cron!.trim(), timezone };
}

/**
 * Project re-audit schedules: stored in PostgreSQL, run by a BullMQ job scheduler per project (`upsertJobScheduler`,
 * keyed by the project, so never two). Every worker registers them all again when it starts.
 */
@Injectable()
export class SchedulesService {
  constructor(
    private readonly schedules: ScheduleRepository,
    @InjectQueue(AUDIT_QUEUE) private readonly queue: Queue,
  ) {}

  async put(projectId: string, dto: PutScheduleDto): Promise<ScheduleDto> {
    const schedule = parseSchedule(dto);
    const saved = await this.schedules.save(projectId, schedule);
    const { id, repeat, template } = reauditScheduler(projectId, schedule, saved.updatedAt);
    await this.queue.upsertJobScheduler(id, repeat, template);
    return this.view(saved);
  }

  async get(projectId: string): Promise<ScheduleDto> {
    const schedule = await this.schedules.find(projectId);
    if (!schedule) throw new Problem(404, 'not-found', 'No schedule', `Project ${projectId} has no re-audit schedule.`);
    return this.view(schedule);
  }

  async remove(projectId: string): Promise<void> {
    const removed = await this.schedules.remove(projectId);
    await this.queue.removeJobScheduler(reauditSchedulerId(projectId));
    if (!removed) throw new Problem(404, 'not-found', 'No schedule', `Project ${projectId} has no re-audit schedule.`);
  }

  private async view(record: ScheduleRecord): Promise<ScheduleDto> {
    const { projectId, createdAt, updatedAt, ...schedule } = record;
    const registered = await this.queue.getJobScheduler(reauditSchedulerId(projectId));
    let next = registered?.next ? new Date(registered.next) : null;
    if (!next && 'cron' in schedule) next = CronExpressionParser.parse(schedule.cron, { tz: schedule.timezone }).next().toDate();
    return { projectId, ...schedule, nextRunAt: next ? next.toISOString() : null, createdAt, updatedAt };
  }
}
