import { InjectQueue } from '@nestjs/bullmq';
import { Controller, Get, Param, ParseUUIDPipe, Req, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Queue } from 'bullmq';
import type { Request, Response } from 'express';
import { AUDIT_QUEUE, AuditJob, auditJobId, type AuditStatus } from '@apiaudit/domain';
import { AuditRepository } from '@apiaudit/db';
import { Access } from '../auth/access';
import { notFound } from '../http/problem';

/** How often the stored progress is read: the worker writes it a handful of times per audit. */
const POLL_MS = 500;
/** A comment line this often keeps proxies and load balancers from closing an idle stream. */
const HEARTBEAT_MS = 15_000;
const ANALYZE_CEILING = 79;
const TERMINAL: ReadonlySet<AuditStatus> = new Set(['succeeded', 'failed']);

export interface ProgressEvent {
  status: AuditStatus;
  step: string;
  percent: number;
  error?: string;
}

/**
 * Live audit progress as Server-Sent Events, for the portal's progress bar. Every instance of the api can serve
 * it: progress is read from PostgreSQL (the worker's steps) and, during analysis, from the BullMQ job's own
 * progress in Redis, which moves between the stored steps.
 */
@ApiTags('audits')
@Controller('v1')
export class AuditEventsController {
  private open = 0;

  constructor(
    private readonly audits: AuditRepository,
    @InjectQueue(AUDIT_QUEUE) private readonly queue: Queue,
  ) {}

  /** Streams being served now; each ends when its audit finishes or its client goes away. */
  get openStreams(): number {
    return this.open;
  }

  @Get('audits/:id/events')
  @ApiOperation({ summary: "Stream an audit's progress as Server-Sent Events" })
  @Access.to('read', 'audit')
  @ApiProduces('text/event-stream')
  @ApiOkResponse({
    description:
      'An event stream: `event: progress` with data `{status, step, percent, error?}` whenever the progress changes, a `: heartbeat` comment every 15 s, and the stream ends after the event with a terminal status (succeeded or failed).',
    content: { 'text/event-stream': { schema: { type: 'string', example: 'event: progress\ndata: {"status":"running","step":"analyze","percent":45}\n\n' } } },
  })
  async events(@Param('id', ParseUUIDPipe) id: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    if (!(await this.audits.progressOf(id))) throw notFound('Audit', id);
    res.status(200);
    res.setHeader('Content-Type', 'text/event-stream; charset=utf-8');
    res.setHeader('Cache-Control', 'no-cache, no-transform');
    // Nginx and similar proxies buffer responses unless told not to.
    res.setHeader('X-Accel-Buffering', 'no');
    res.flushHeaders();
    res.write('retry: 3000\n\n');
    this.open++;

    let last = '';
    let highest = 0;
    let closed = false;
    let timer: NodeJS.Timeout | undefined;
    const heartbeat = setInterval(() => res.write(': heartbeat\n\n'), HEARTBEAT_MS);
    const finish = () => {
      if (closed) return;
      closed = true;
      this.open--;
      clearTimeout(timer);
      clearInterval(heartbeat);
      res.end();
    };
    req.on('close', finish);

    const tick = async () => {
      if (closed) return;
      try {
        const event = await this.currentProgress(id);
        if (closed) return;
        if (!event) {
          finish();
          return;
        }
        // Steps are stored and the job's own progress is read at different moments: never show the bar going back.
        highest = Math.max(highest, event.percent);
        const data = JSON.stringify({ ...event, percent: highest });
        if (data !== last) {
          last = data;
          res.write(`event: progress\ndata: ${data}\n\n`);
        }
        if (TERMINAL.has(event.status)) {
          finish();
          return;
        }
      } catch (error) {
        // A failed read (database restart) ends this stream; EventSource reconnects and the next one resumes.
        res.write(`event: error\ndata: ${JSON.stringify({ detail: (error as Error).message })}\n\n`);
        finish();
        return;
      }
      timer = setTimeout(() => void tick(), POLL_MS);
    };
    await tick();
  }

  private async currentProgress(id: string): Promise<ProgressEvent | null> {
    const audit = await this.audits.progressOf(id);
    if (!audit) return null;
    let percent = audit.progress.percent;
    if (audit.status === 'running' && audit.progress.step === 'analyze') {
      // The analyze job reports up to 100 for itself; the stored steps give it the span up to the plan step (80).
      const job = await this.queue.getJob(auditJobId(id, AuditJob.analyze));
      if (typeof job?.progress === 'number') percent = Math.max(percent, Math.min(job.progress, ANALYZE_CEILING));
    }
    return { status: audit.status, step: audit.progress.step, percent, ...(audit.error ? { error: audit.error } : {}) };
  }
}
