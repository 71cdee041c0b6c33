import { Injectable } from '@nestjs/common';
import { CatalogRepository, type SourceEntity } from '@apiaudit/db';
import { notFound, Problem } from '../http/problem';
import type { AddGithubSourceDto, RepositorySourceDto } from './repository-source.dto';
import { RepositorySourcesService } from './repository-sources.service';
import { SourcesService, type ReceivedUpload } from './sources.service';

/** A spec or trace upload as answered: where the bytes are kept stays on the server. */
export type UploadedSource = Omit<SourceEntity, 'content' | 'path'>;

export interface SourceUpload {
  /** `kind` as the query gave it: spec when absent. */
  kind: string | undefined;
  /** The name asked for, else the multipart file's, else one per kind; made safe for a file name. */
  filename: string | undefined;
  entry: string | undefined;
  bytes: Buffer;
  /** A trace export streamed to disk (ReceiveTracesInterceptor) instead of `bytes`. */
  received?: ReceivedUpload;
}

const FALLBACK_NAMES = { spec: 'openapi.yaml', traces: 'traces.json', repository: 'repository.tar.gz' } as const;

/** Adds a source to a project, whichever way it arrives: an upload of any kind, or a GitHub repository. */
@Injectable()
export class SourceUploadsService {
  constructor(
    private readonly catalog: CatalogRepository,
    private readonly sources: SourcesService,
    private readonly repositories: RepositorySourcesService,
  ) {}

  /** The source the bytes are, and whether this upload created it (the same bytes again are the stored source). */
  async upload(projectId: string, upload: SourceUpload): Promise<{ source: UploadedSource | RepositorySourceDto; created: boolean }> {
    const kind = upload.kind ?? 'spec';
    if (kind !== 'spec' && kind !== 'traces' && kind !== 'repository') {
      throw new Problem(400, 'invalid-request', 'Invalid request', "kind must be 'spec', 'traces' or 'repository'", { field: 'kind' });
    }
    await this.requireProject(projectId);
    const name = (upload.filename ?? FALLBACK_NAMES[kind]).replace(/[^\w.@-]/g, '_');
    if (kind === 'repository') return this.repositories.addArchive(projectId, name, upload.bytes);
    const { source, created } = upload.received
      ? await this.sources.keepReceivedTraces(projectId, name, upload.received)
      : await this.sources.add({ projectId, kind, filename: name, bytes: upload.bytes, ...(upload.entry ? { entry: upload.entry } : {}) });
    const { content: _content, path: _path, ...kept } = source;
    return { source: kept, created };
  }

  async addGithub(projectId: string, dto: AddGithubSourceDto): Promise<{ source: RepositorySourceDto; created: boolean }> {
    await this.requireProject(projectId);
    return this.repositories.addGithub(projectId, dto);
  }

  private async requireProject(projectId: string): Promise<void> {
    if (!(await this.catalog.findProject(projectId))) throw notFound('Project', projectId);
  }
}
