import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { join, resolve } from 'node:path';
import { AUDIT_JOB_OPTIONS, AUDIT_QUEUE, diffSpecJobId, parseDiffSpecJobPayload, SourceJob, type SpecOutline } from '@apiaudit/domain';
import { SourceRepository, type SourceEntity, type SourceKind } from '@apiaudit/db';
import { buildApiModel, loadSpecFromFiles, outlineSpec, specFilesOf } from '@apiaudit/openapi';
import { readTraceFile } from '@apiaudit/traces';
import { Problem } from '../http/problem';

export const ARTIFACT_DIR = Symbol('ARTIFACT_DIR');
export const PLATFORM_CONFIG = Symbol('PLATFORM_CONFIG');

/** A streamed upload on disk, hashed, not validated or stored yet. */
export interface ReceivedUpload {
  partial: string;
  sha256: string;
  size: number;
}

export interface Upload {
  projectId: string;
  kind: SourceKind;
  filename: string;
  entry?: string;
  bytes: Buffer;
}

function inputProblem(error: unknown, what: string, shownAs?: { path: string; name: string }): Problem {
  let message = (error as Error).message ?? String(error);
  // The reader names the file it read: the client knows it by its upload name, never by where we keep it.
  if (shownAs) message = message.split(shownAs.path).join(shownAs.name);
  return new Problem(422, `invalid-${what}`, `Invalid ${what}`, message);
}

/** How much of a trace upload past APIAUDIT_MAX_TRACE_BYTES is read and dropped before the connection is cut. */
const DRAIN_AFTER_LIMIT_BYTES = 16 * 1024 * 1024;

/** Validates an upload completely before anything is stored: a bad spec or trace file changes nothing. */
@Injectable()
export class SourcesService {
  constructor(
    private readonly sources: SourceRepository,
    @Inject(ARTIFACT_DIR) private readonly artifactDir: string,
    @InjectQueue(AUDIT_QUEUE) private readonly queue: Queue,
  ) {}

  async add(upload: Upload): Promise<{ source: SourceEntity; created: boolean }> {
    if (upload.bytes.length === 0) throw new Problem(400, 'empty-upload', 'Empty upload', 'The request carried no file.');
    const sha256 = createHash('sha256').update(upload.bytes).digest('hex');
    if (upload.kind === 'spec') {
      let outline: SpecOutline;
      try {
        // The outline is kept with the version: an audit's trace step reads it instead of parsing the spec again.
        outline = outlineSpec(buildApiModel(await loadSpecFromFiles(await specFilesOf(upload.bytes, upload.filename), upload.entry)));
      } catch (error) {
        throw inputProblem(error, 'spec');
      }
      const added = await this.sources.addUnlessKnown({ projectId: upload.projectId, kind: 'spec', sha256, filename: upload.filename, size: upload.bytes.length, content: upload.bytes, outline, ...(upload.entry ? { entry: upload.entry } : {}) });
      if (added.created && added.source.version > 1) await this.enqueueDiff(added.source);
      return added;
    }
    const partial = this.partialPath();
    writeFileSync(partial, upload.bytes);
    return this.keepTraces(upload.projectId, upload.filename, partial, sha256, upload.bytes.length);
  }

  /**
   * Every new spec version (n > 1) is diffed against version n - 1 by the worker. Known bytes come back with
   * `created: false` and enqueue nothing; the job id is fixed per version, so a second enqueue is a no-op too.
   */
  private async enqueueDiff(source: SourceEntity): Promise<void> {
    const payload = parseDiffSpecJobPayload({ sourceId: source.id, version: source.version });
    await this.queue.add(SourceJob.diffSpec, payload, { ...AUDIT_JOB_OPTIONS, jobId: diffSpecJobId(payload) });
  }

  /**
   * A diff that is not stored, asked for again with POST: makes sure its job is on its way. An upload whose
   * enqueue was lost, or a job that failed for good, is taken up again here instead of staying missing.
   */
  async requeueDiff(source: SourceEntity): Promise<void> {
    const job = await this.queue.getJob(diffSpecJobId({ sourceId: source.id, version: source.version }));
    if (job && (await job.isFailed())) await job.retry();
    else if (!job) await this.enqueueDiff(source);
  }

  /**
   * A trace export streamed from the request to a partial file while its hash is computed; memory stays flat at any
   * size. Nothing is stored yet: `keepReceivedTraces` validates and keeps it, `discardReceived` drops it.
   */
  async receiveTraceStream(body: Readable, maxBytes: number): Promise<ReceivedUpload> {
    const partial = this.partialPath();
    const hash = createHash('sha256');
    const tooLarge = new Problem(413, 'payload-too-large', 'Payload too large', `Trace uploads are limited to ${maxBytes} bytes (APIAUDIT_MAX_TRACE_BYTES).`);
    let size = 0;
    const meter = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        size += chunk.length;
        // Past the limit the body is read on and dropped for a while: a client still sending then reads the 413,
        // where closing the connection on it would show it only a reset. One that sends on and on is cut off.
        if (size > maxBytes + DRAIN_AFTER_LIMIT_BYTES) return done(tooLarge);
        if (size > maxBytes) return done();
        hash.update(chunk);
        done(null, chunk);
      },
    });
    try {
      await pipeline(body, meter, createWriteStream(partial));
    } catch (error) {
      rmSync(partial, { force: true });
      if (error instanceof Problem) throw error;
      throw new Problem(400, 'upload-interrupted', 'Upload interrupted', 'The request body ended before the upload was complete.');
    }
    if (size > maxBytes) {
      rmSync(partial, { force: true });
      throw tooLarge;
    }
    if (size === 0) {
      rmSync(partial, { force: true });
      throw new Problem(400, 'empty-upload', 'Empty upload', 'The request carried no file.');
    }
    return { partial, sha256: hash.digest('hex'), size };
  }

  keepReceivedTraces(projectId: string, filename: string, received: ReceivedUpload): Promise<{ source: SourceEntity; created: boolean }> {
    return this.keepTraces(projectId, filename, received.partial, received.sha256, received.size);
  }

  /** Removes a received upload that was not kept (a replayed or refused request); a kept one is already moved. */
  discardReceived(received: ReceivedUpload): void {
    rmSync(received.partial, { force: true });
  }

  private partialPath(): string {
    const dir = resolve(this.artifactDir, 'traces');
    mkdirSync(dir, { recursive: true });
    return join(dir, `upload-${randomUUID()}.partial`);
  }

  /**
   * Reads the whole export once (streaming) before keeping it: a truncated or foreign file is refused, never stored
   * as if complete. Kept files are named by hash under ARTIFACT_DIR, which workers on other hosts share.
   */
  private async keepTraces(projectId: string, filename: string, partial: string, sha256: string, size: number): Promise<{ source: SourceEntity; created: boolean }> {
    try {
      let spans = 0;
      for await (const _span of readTraceFile(partial)) spans++;
      if (spans === 0) throw new Error('the file holds no spans');
    } catch (error) {
      rmSync(partial, { force: true });
      throw inputProblem(error, 'traces', { path: partial, name: filename });
    }
    const path = join(resolve(this.artifactDir, 'traces'), `${sha256}${filename.endsWith('.gz') ? '.gz' : ''}`);
    renameSync(partial, path);
    return this.sources.addUnlessKnown({ projectId, kind: 'traces', sha256, filename, size, path });
  }
}
