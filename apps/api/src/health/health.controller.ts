import { InjectQueue } from '@nestjs/bullmq';
import { Controller, Get, HttpCode, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Queue } from 'bullmq';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import { AUDIT_QUEUE } from '@apiaudit/domain';
import { Access } from '../auth/access';

@ApiTags('health')
@Access.public()
@Controller()
export class HealthController {
  constructor(
    private readonly db: DataSource,
    @InjectQueue(AUDIT_QUEUE) private readonly queue: Queue,
  ) {}

  /** Liveness: the process answers. */
  @Get('healthz')
  @HttpCode(200)
  health() {
    return { status: 'ok' };
  }

  /** Readiness: PostgreSQL and Redis both answer; 503 names the one that does not. */
  @Get('readyz')
  async ready(@Res() res: Response): Promise<void> {
    const checks: Record<string, string> = {};
    await this.db.query('SELECT 1').then(() => (checks.database = 'ok'), (e: Error) => (checks.database = e.message));
    await this.queue.getJobCounts('waiting').then(() => (checks.redis = 'ok'), (e: Error) => (checks.redis = e.message));
    const ok = Object.values(checks).every((v) => v === 'ok');
    res.status(ok ? 200 : 503).json({ status: ok ? 'ok' : 'unavailable', checks });
  }
}
