import type { CallHandler, ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import { lastValueFrom, of, throwError } from 'rxjs';
import type { PlatformConfig } from '@apiaudit/db';
import { ReceiveTracesInterceptor, uploadedBytes } from './received-traces.interceptor';
import type { ReceivedUpload, SourcesService } from './sources.service';

function fakeSources() {
  const received: ReceivedUpload = { partial: '/artifacts/traces/upload-1.partial', sha256: 'a'.repeat(64), size: 10 };
  const events: string[] = [];
  const sources = {
    receiveTraceStream: async () => (events.push('received'), received),
    discardReceived: (upload: ReceivedUpload) => void events.push(`discarded ${upload.partial}`),
  } as unknown as SourcesService;
  return { sources, events, received };
}

function run(req: object, sources: SourcesService, next: CallHandler) {
  const context = { switchToHttp: () => ({ getRequest: () => req }) } as unknown as ExecutionContext;
  const interceptor = new ReceiveTracesInterceptor(sources, { maxTraceBytes: 1024 } as PlatformConfig);
  return interceptor.intercept(context, next).then((answer) => lastValueFrom(answer));
}

describe('ReceiveTracesInterceptor', () => {
  it('streams a raw trace export to disk before the handler, which compares it by its content hash', async () => {
    const { sources, events, received } = fakeSources();
    const req = { query: { kind: 'traces' }, body: undefined };
    await run(req, sources, { handle: () => (events.push(`handler sees ${uploadedBytes(req as unknown as Request)}`), of('ok')) });
    expect(events).toEqual(['received', `handler sees ${received.sha256}`, `discarded ${received.partial}`]);
  });

  it('drops the received file when the handler fails too', async () => {
    const { sources, events, received } = fakeSources();
    await expect(run({ query: { kind: 'traces' } }, sources, { handle: () => throwError(() => new Error('invalid traces')) })).rejects.toThrow('invalid traces');
    expect(events).toEqual(['received', `discarded ${received.partial}`]);
  });

  it('leaves multipart files and other kinds to the handler, compared by their bytes', async () => {
    const { sources, events } = fakeSources();
    const file = { buffer: Buffer.from('spans') };
    const multipart = { query: { kind: 'traces' }, file };
    await run(multipart, sources, { handle: () => of('ok') });
    const spec = { query: {}, body: Buffer.from('openapi: 3.1.0') };
    await run(spec, sources, { handle: () => of('ok') });
    expect(events).toEqual([]);
    expect(uploadedBytes(multipart as unknown as Request)).toBe(file.buffer);
    expect(uploadedBytes(spec as unknown as Request)).toEqual(Buffer.from('openapi: 3.1.0'));
    expect(uploadedBytes({ query: {}, body: {} } as unknown as Request)).toEqual(Buffer.alloc(0));
  });
});
