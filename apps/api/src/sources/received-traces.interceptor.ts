import { type CallHandler, createParamDecorator, type ExecutionContext, Inject, Injectable, type NestInterceptor } from '@nestjs/common';
import type { Request } from 'express';
import { finalize, type Observable } from 'rxjs';
import type { PlatformConfig } from '@apiaudit/db';
import { PLATFORM_CONFIG, SourcesService, type ReceivedUpload } from './sources.service';

const received = new WeakMap<Request, ReceivedUpload>();

const uploadedFile = (req: Request) => (req as Request & { file?: { buffer: Buffer } }).file;

/**
 * A trace export sent as the raw body (`kind=traces`, no multipart file) is streamed to disk before the handler
 * runs: its content hash is what Idempotency-Key compares, and nothing is stored before the key is claimed. What
 * the handler did not keep is dropped once the answer is out. Runs inside FileInterceptor, outside the idempotency one.
 */
@Injectable()
export class ReceiveTracesInterceptor implements NestInterceptor {
  constructor(
    private readonly sources: SourcesService,
    @Inject(PLATFORM_CONFIG) private readonly config: PlatformConfig,
  ) {}

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    const req = context.switchToHttp().getRequest<Request>();
    if (req.query.kind !== 'traces' || uploadedFile(req)) return next.handle();
    const upload = await this.sources.receiveTraceStream(req, this.config.maxTraceBytes);
    received.set(req, upload);
    return next.handle().pipe(finalize(() => this.sources.discardReceived(upload)));
  }
}

/** The trace export ReceiveTracesInterceptor streamed to disk, if this request carried one. */
export const ReceivedTraces = createParamDecorator((_data: unknown, context: ExecutionContext): ReceivedUpload | undefined =>
  received.get(context.switchToHttp().getRequest<Request>()),
);

/** What Idempotency-Key compares an upload by: a streamed export's content hash, else the file's or body's bytes. */
export function uploadedBytes(req: Request): Buffer | string {
  return received.get(req)?.sha256 ?? uploadedFile(req)?.buffer ?? (Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0));
}
