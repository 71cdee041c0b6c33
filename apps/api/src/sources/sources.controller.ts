import { Body, Controller, Get, Param, ParseIntPipe, ParseUUIDPipe, Post, Query, Req, Res, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiConsumes, ApiProduces, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { renderChangelogMarkdown } from '@apiaudit/diff';
import { CatalogRepository, SourceRepository, SpecDiffRepository, type SourceEntity } from '@apiaudit/db';
import { Access } from '../auth/access';
import { sendWithEtag } from '../http/etag';
import { type Answer, createdOrFound } from '../http/answer';
import { Idempotent } from '../http/idempotency';
import { notFound, Problem } from '../http/problem';
import { ReceivedTraces, ReceiveTracesInterceptor, uploadedBytes } from './received-traces.interceptor';
import { SourcesService, type ReceivedUpload } from './sources.service';
import { AddGithubSourceDto, RepositorySourceDto } from './repository-source.dto';
import { RepositorySourcesService } from './repository-sources.service';

@ApiTags('sources')
@Controller('v1/projects/:id/sources')
export class SourcesController {
  constructor(
    private readonly catalog: CatalogRepository,
    private readonly sources: SourcesService,
    private readonly sourceRows: SourceRepository,
    private readonly specDiffs: SpecDiffRepository,
    private readonly repositories: RepositorySourcesService,
  ) {}

  /**
   * The body is the file itself (YAML, JSON, zip, tar.gz, a trace export), or a multipart form with `file`.
   * `kind=repository` takes a zip or tar.gz of a source tree, unpacked safely (no entry outside it, no links,
   * within APIAUDIT_REPO_MAX_FILES and APIAUDIT_REPO_MAX_BYTES) before it is stored; audits scan its code.
   */
  @Post()
  @Access.to('write', 'project')
  @ApiConsumes('application/yaml', 'application/json', 'application/zip', 'application/gzip', 'multipart/form-data')
  @ApiQuery({ name: 'kind', enum: ['spec', 'traces', 'repository'], required: false })
  @ApiQuery({ name: 'filename', required: false })
  @ApiQuery({ name: 'entry', required: false, description: 'Entry file inside an archive' })
  // Above the interceptors that read the body: the key compares what they received.
  @Idempotent({ body: uploadedBytes })
  @UseInterceptors(FileInterceptor('file'), ReceiveTracesInterceptor)
  async upload(
    @Param('id', ParseUUIDPipe) projectId: string,
    @Query('kind') kind: string | undefined,
    @Query('filename') filename: string | undefined,
    @Query('entry') entry: string | undefined,
    @UploadedFile() file: { buffer: Buffer; originalname: string } | undefined,
    @ReceivedTraces() received: ReceivedUpload | undefined,
    @Req() req: Request,
  ): Promise<Answer<Omit<SourceEntity, 'content' | 'path'> | RepositorySourceDto>> {
    const sourceKind = kind ?? 'spec';
    if (sourceKind !== 'spec' && sourceKind !== 'traces' && sourceKind !== 'repository') {
      throw new Problem(400, 'invalid-request', 'Invalid request', "kind must be 'spec', 'traces' or 'repository'", { field: 'kind' });
    }
    if (!(await this.catalog.findProject(projectId))) throw notFound('Project', projectId);
    const fallbackName = { spec: 'openapi.yaml', traces: 'traces.json', repository: 'repository.tar.gz' }[sourceKind];
    const name = (filename ?? file?.originalname ?? fallbackName).replace(/[^\w.@-]/g, '_');
    const location = (id: string) => `/v1/projects/${projectId}/sources/${id}`;
    const bytes = file?.buffer ?? (Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0));
    if (sourceKind === 'repository') {
      const { source, created } = await this.repositories.addArchive(projectId, name, bytes);
      return createdOrFound(created, source, location(source.id));
    }
    const { source, created } = received
      ? await this.sources.keepReceivedTraces(projectId, name, received)
      : await this.sources.add({ projectId, kind: sourceKind, filename: name, bytes, ...(entry ? { entry } : {}) });
    const { content: _content, path: _path, ...body } = source;
    return createdOrFound(created, body, location(source.id));
  }

  /**
   * A GitHub repository at a branch, tag or commit (the default branch when `ref` is absent), with an optional
   * token for private repositories, stored encrypted. The repository is asked for once now, so a wrong name or
   * token is a 422 at once; each audit resolves the ref again and downloads and scans only a commit it has not
   * scanned. The same repository and ref again is the same source (200), its token replaced when one is given.
   */
  @Post('github')
  @Access.to('write', 'project')
  @Idempotent()
  @ApiResponse({ status: 201, type: RepositorySourceDto })
  @ApiResponse({ status: 200, type: RepositorySourceDto, description: 'The project already has this repository at this ref' })
  async addGithub(@Param('id', ParseUUIDPipe) projectId: string, @Body() dto: AddGithubSourceDto): Promise<Answer<RepositorySourceDto>> {
    if (!(await this.catalog.findProject(projectId))) throw notFound('Project', projectId);
    const { source, created } = await this.repositories.addGithub(projectId, dto);
    return createdOrFound(created, source, `/v1/projects/${projectId}/sources/${source.id}`);
  }

  /** The spec version a diff belongs to; 404 for an unknown project or version, and for version 1 (nothing before it). */
  private async diffableVersion(projectId: string, version: number) {
    if (!(await this.catalog.findProject(projectId))) throw notFound('Project', projectId);
    // Versions are PostgreSQL `int`: a number beyond it names no version (and must not reach the database).
    const source = version >= 1 && version <= 2_147_483_647 ? await this.sourceRows.findVersion(projectId, 'spec', version) : null;
    if (!source) throw new Problem(404, 'not-found', 'Spec version not found', `Project ${projectId} has no spec version ${version}.`);
    if (version === 1) throw new Problem(404, 'not-found', 'No diff for the first version', 'Spec version 1 has no previous version to compare with.');
    return source;
  }

  /**
   * The changes from spec version `version - 1` to `version`, computed by the worker's diff-spec job when the version
   * was uploaded. JSON by default, a Markdown changelog with `Accept: text/markdown`; 404 until the job has run.
   */
  @Get('spec/versions/:version/diff')
  @Access.to('read', 'project')
  @ApiProduces('application/json', 'text/markdown')
  async specDiff(
    @Param('id', ParseUUIDPipe) projectId: string,
    @Param('version', ParseIntPipe) version: number,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const source = await this.diffableVersion(projectId, version);
    const diff = await this.specDiffs.findBySource(source.id, version);
    if (!diff) {
      throw new Problem(
        404,
        'not-found',
        'Diff not ready',
        `The diff of spec version ${version} against version ${version - 1} has not been computed yet. Retry shortly; if it stays missing, POST to this URL to queue it again.`,
      );
    }
    res.setHeader('Vary', 'Accept');
    if (req.accepts(['application/json', 'text/markdown']) === 'text/markdown') {
      sendWithEtag(req, res, renderChangelogMarkdown(diff.changes), 'text/markdown; charset=utf-8');
      return;
    }
    sendWithEtag(req, res, {
      sourceId: diff.sourceId,
      baseSourceId: diff.baseSourceId,
      baseVersion: diff.baseVersion,
      version: diff.version,
      summary: { breaking: diff.breaking, potentiallyBreaking: diff.potentiallyBreaking, nonBreaking: diff.nonBreaking, info: diff.info },
      changes: diff.changes,
      createdAt: diff.createdAt,
    });
  }

  /**
   * Queues the diff of a version again when it is not stored: an upload whose enqueue was lost, or a job that
   * failed for good. 202 while it is on its way, 200 when it is already there; GET the same URL for it.
   */
  @Post('spec/versions/:version/diff')
  @Access.to('write', 'project')
  async requeueSpecDiff(@Param('id', ParseUUIDPipe) projectId: string, @Param('version', ParseIntPipe) version: number, @Res() res: Response): Promise<void> {
    const source = await this.diffableVersion(projectId, version);
    res.setHeader('Location', `/v1/projects/${projectId}/sources/spec/versions/${version}/diff`);
    if (await this.specDiffs.findBySource(source.id, version)) {
      res.status(200).json({ status: 'stored' });
      return;
    }
    await this.sources.requeueDiff(source);
    res.status(202).json({ status: 'queued' });
  }
}
