import { InjectQueue } from '@nestjs/bullmq';
import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import type { Queue } from 'bullmq';
import { AUDIT_QUEUE } from '@apiaudit/domain';
import type { PlatformConfig } from '@apiaudit/db';
import { Access } from '../auth/access';
import { PLATFORM_CONFIG } from '../sources/sources.service';
import { WorkerPresenceService } from './worker-presence.service';

export class WorkerBeatDto {
  @ApiProperty() host: string;
  @ApiProperty() pid: number;
  @ApiProperty({ format: 'date-time' }) startedAt: string;
  @ApiProperty({ format: 'date-time' }) seenAt: string;
}

export class WorkersStatusDto {
  @ApiProperty({ description: 'Workers whose heartbeat has not expired.' }) alive: number;
  @ApiProperty({ type: String, nullable: true, format: 'date-time', description: 'The newest heartbeat of any worker, also of one that has gone since.' })
  lastHeartbeat: string | null;
  @ApiProperty({ description: 'How often workers beat (APIAUDIT_WORKER_HEARTBEAT_MS); a heartbeat lives three times this.' }) heartbeatMs: number;
  @ApiProperty({ type: [WorkerBeatDto] }) items: WorkerBeatDto[];
}

export class QueueStatusDto {
  @ApiProperty() waiting: number;
  @ApiProperty() active: number;
  @ApiProperty() delayed: number;
  @ApiProperty() failed: number;
}

export class PlatformStatusDto {
  @ApiProperty({ type: WorkersStatusDto }) workers: WorkersStatusDto;
  @ApiProperty({ type: QueueStatusDto, description: 'Jobs of the audit queue by state (audit steps and spec diffs).' }) queue: QueueStatusDto;
}

/**
 * The platform behind the api: live workers and the queue's depth. Kept apart from /readyz, which is about this
 * api instance only (an orchestrator must not restart the api because no worker runs).
 */
@ApiTags('health')
@Controller('v1')
export class StatusController {
  constructor(
    private readonly workers: WorkerPresenceService,
    @InjectQueue(AUDIT_QUEUE) private readonly queue: Queue,
    @Inject(PLATFORM_CONFIG) private readonly config: PlatformConfig,
  ) {}

  @Get('status')
  @Access.consultant()
  @ApiOperation({ summary: 'Worker presence and queue depth' })
  @ApiOkResponse({ type: PlatformStatusDto })
  async status(): Promise<PlatformStatusDto> {
    const [presence, counts] = await Promise.all([this.workers.presence(), this.queue.getJobCounts('waiting', 'prioritized', 'active', 'delayed', 'failed')]);
    return {
      workers: { alive: presence.alive, lastHeartbeat: presence.lastHeartbeat, heartbeatMs: this.config.workerHeartbeatMs, items: presence.workers },
      // Prioritized jobs wait too: BullMQ keeps them in a list of their own.
      queue: { waiting: (counts.waiting ?? 0) + (counts.prioritized ?? 0), active: counts.active ?? 0, delayed: counts.delayed ?? 0, failed: counts.failed ?? 0 },
    };
  }
}
