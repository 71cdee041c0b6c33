import { InjectQueue } from '@nestjs/bullmq';
import { Controller, Get, HttpCode } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Queue } from 'bullmq';
import { AUDIT_QUEUE } from '@apiaudit/domain';
import { HealthRepository } from '@apiaudit/db';
import { Access } from '../auth/access';
import { Problem } from '../http/problem';

const READINESS = {
  type: 'object',
  required: ['status', 'checks'],
  properties: {
    status: { type: 'string', enum: ['ok'] },
    checks: { type: 'object', properties: { database: { type: 'string', maxLength: 500 }, redis: { type: 'string', maxLength: 500 } } },
  },
};

@ApiTags('health')
@Access.public()
@Controller()
export class HealthController {
  constructor(
    private readonly db: HealthRepository,
    @InjectQueue(AUDIT_QUEUE) private readonly queue: Queue,
  ) {}

  /** Liveness: the process answers. */
  @Get('healthz')
  @HttpCode(200)
  @ApiOperation({ summary: 'Liveness probe' })
  @ApiOkResponse({ schema: { type: 'object', required: ['status'], properties: { status: { type: 'string', enum: ['ok'] } } } })
  health() {
    return { status: 'ok' };
  }

  /** Readiness: PostgreSQL and Redis both answer; 503 names the one that does not. */
  @Get('readyz')
  @ApiOperation({ summary: 'Readiness probe: PostgreSQL and Redis answer' })
  @ApiOkResponse({ schema: READINESS })
  @ApiResponse({ status: 503, description: 'A dependency does not answer: a problem whose `checks` member names it.' })
  async ready(): Promise<{ status: 'ok'; checks: Record<string, string> }> {
    const checks: Record<string, string> = {};
    await this.db.ping().then(() => (checks.database = 'ok'), (e: Error) => (checks.database = e.message));
    await this.queue.getJobCounts('waiting').then(() => (checks.redis = 'ok'), (e: Error) => (checks.redis = e.message));
    const failing = Object.keys(checks).filter((name) => checks[name] !== 'ok');
    // Not ready is an error like any other: a problem, with the checks as an extension member.
    if (failing.length) throw new Problem(503, 'not-ready', 'Not ready', `${failing.join(' and ')} did not answer.`, { checks });
    return { status: 'ok', checks };
  }
}
