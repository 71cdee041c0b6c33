import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { AUDIT_QUEUE, REAUDIT_SCHEDULER_PREFIX, reauditScheduler } from '@apiaudit/domain';
import { ScheduleRepository } from '@apiaudit/db';

/**
 * PostgreSQL holds the schedules; Redis may have lost them (flushed, failed over, a new instance). Every worker
 * registers each stored schedule again when it starts and removes re-audit schedulers with no schedule behind them.
 * Upserting a scheduler by the project's id is idempotent, so workers starting together leave one per project.
 */
@Injectable()
export class ScheduleRegistrar implements OnApplicationBootstrap {
  private readonly log = new Logger(ScheduleRegistrar.name);

  constructor(
    private readonly schedules: ScheduleRepository,
    @InjectQueue(AUDIT_QUEUE) private readonly queue: Queue,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const stored = await this.schedules.all();
    const ids = new Set<string>();
    for (const { projectId, createdAt: _createdAt, updatedAt, ...schedule } of stored) {
      const { id, repeat, template } = reauditScheduler(projectId, schedule, updatedAt);
      await this.queue.upsertJobScheduler(id, repeat, template);
      ids.add(id);
    }
    let removed = 0;
    for (const scheduler of await this.queue.getJobSchedulers()) {
      if (!scheduler.key.startsWith(REAUDIT_SCHEDULER_PREFIX) || ids.has(scheduler.key)) continue;
      // Read again: the api may have stored it after the list above was read.
      if (!(await this.schedules.find(scheduler.key.slice(REAUDIT_SCHEDULER_PREFIX.length)))) {
        await this.queue.removeJobScheduler(scheduler.key);
        removed++;
      }
    }
    this.log.log(`registered ${ids.size} re-audit schedules${removed ? `, removed ${removed} without a stored schedule` : ''}`);
  }
}
