import { Inject, Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { SourceRepository, type SourceEntity, type SourceKind } from '@apiaudit/db';
import { detectArchive, extractArchive, loadSpecFromFiles } from '@apiaudit/openapi';
import { readTraceFile } from '@apiaudit/traces';
import { Problem } from '../http/problem';

export const ARTIFACT_DIR = Symbol('ARTIFACT_DIR');

export interface Upload {
  projectId: string;
  kind: SourceKind;
  filename: string;
  entry?: string;
  bytes: Buffer;
}

function inputProblem(error: unknown, what: string): Problem {
  const message = (error as Error).message ?? String(error);
  return new Problem(422, `invalid-${what}`, `Invalid ${what}`, message);
}

/** Validates an upload completely before anything is stored: a bad spec or trace file changes nothing. */
@Injectable()
export class SourcesService {
  constructor(
    private readonly sources: SourceRepository,
    @Inject(ARTIFACT_DIR) private readonly artifactDir: string,
  ) {}

  async add(upload: Upload): Promise<{ source: SourceEntity; created: boolean }> {
    if (upload.bytes.length === 0) throw new Problem(400, 'empty-upload', 'Empty upload', 'The request carried no file.');
    const sha256 = createHash('sha256').update(upload.bytes).digest('hex');
    if (upload.kind === 'spec') {
      try {
        const files = detectArchive(upload.bytes) ? await extractArchive(upload.bytes) : new Map([[upload.filename, upload.bytes]]);
        await loadSpecFromFiles(files, upload.entry);
      } catch (error) {
        throw inputProblem(error, 'spec');
      }
      return this.sources.addUnlessKnown({ projectId: upload.projectId, kind: 'spec', sha256, filename: upload.filename, size: upload.bytes.length, content: upload.bytes, ...(upload.entry ? { entry: upload.entry } : {}) });
    }
    // Trace exports live on disk under their hash (workers on other hosts share ARTIFACT_DIR); the database keeps the path.
    const dir = resolve(this.artifactDir, 'traces');
    mkdirSync(dir, { recursive: true });
    const path = join(dir, `${sha256}${upload.filename.endsWith('.gz') ? '.gz' : ''}`);
    const partial = `${path}.partial`;
    writeFileSync(partial, upload.bytes);
    try {
      let spans = 0;
      for await (const _span of readTraceFile(partial)) spans++;
      if (spans === 0) throw new Error('the file holds no spans');
    } catch (error) {
      throw inputProblem(error, 'traces');
    }
    renameSync(partial, path);
    return this.sources.addUnlessKnown({ projectId: upload.projectId, kind: 'traces', sha256, filename: upload.filename, size: upload.bytes.length, path });
  }
}
