import { Body, Controller, Get, Header, Param, ParseIntPipe, ParseUUIDPipe, Post, Query, Req, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiConsumes, ApiExtension, ApiExtraModels, ApiOkResponse, ApiOperation, ApiProduces, ApiQuery, ApiResponse, ApiTags, getSchemaPath } from '@nestjs/swagger';
import type { Request } from 'express';
import { renderChangelogMarkdown } from '@apiaudit/diff';
import { Access } from '../auth/access';
import { ConditionalGet } from '../http/etag';
import { Answer, createdOrFound, Representation } from '../http/answer';
import { Idempotent } from '../http/idempotency';
import { SendsLocation } from '../http/response-headers';
import { ReceivedTraces, ReceiveTracesInterceptor, uploadedBytes } from './received-traces.interceptor';
import { SourceUploadsService, type UploadedSource } from './source-uploads.service';
import type { ReceivedUpload } from './sources.service';
import { SpecDiffsService, specDiffView, type SpecDiffView } from './spec-diffs.service';
import { AddGithubSourceDto, RepositorySourceDto, SourceDto, SpecDiffRequeueDto } from './repository-source.dto';

@ApiTags('sources')
@ApiExtraModels(SourceDto, RepositorySourceDto)
@Controller('v1/projects/:id/sources')
export class SourcesController {
  constructor(
    private readonly uploads: SourceUploadsService,
    private readonly specDiffs: SpecDiffsService,
  ) {}

  /**
   * The body is the file itself (YAML, JSON, zip, tar.gz, a trace export), or a multipart form with `file`.
   * `kind=repository` takes a zip or tar.gz of a source tree, unpacked safely (no entry outside it, no links,
   * within APIAUDIT_REPO_MAX_FILES and APIAUDIT_REPO_MAX_BYTES) before it is stored; audits scan its code.
   */
  @Post()
  @ApiOperation({ summary: 'Upload a spec, trace export or source archive' })
  @Access.to('write', 'project')
  @ApiConsumes('application/yaml', 'application/json', 'application/zip', 'application/gzip', 'multipart/form-data')
  @ApiQuery({ name: 'kind', enum: ['spec', 'traces', 'repository'], required: false })
  @ApiQuery({ name: 'filename', required: false })
  @ApiQuery({ name: 'entry', required: false, description: 'Entry file inside an archive' })
  @ApiResponse({ status: 201, description: 'The new source (a RepositorySourceDto for kind=repository); Location names it.', schema: { oneOf: [{ $ref: getSchemaPath(SourceDto) }, { $ref: getSchemaPath(RepositorySourceDto) }] } })
  @ApiResponse({ status: 200, description: 'The project already has these bytes: the source they are.', schema: { oneOf: [{ $ref: getSchemaPath(SourceDto) }, { $ref: getSchemaPath(RepositorySourceDto) }] } })
  @ApiResponse({ status: 400, description: 'An unknown kind, or no file in the request.' })
  @ApiResponse({ status: 413, description: 'Larger than APIAUDIT_MAX_UPLOAD_BYTES (APIAUDIT_MAX_TRACE_BYTES for trace exports).' })
  @ApiResponse({ status: 422, description: 'Not a spec, trace export or archive the audit can read; `detail` says why.' })
  @SendsLocation(201, 200)
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
  ): Promise<Answer<UploadedSource | RepositorySourceDto>> {
    const bytes = file?.buffer ?? (Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0));
    const { source, created } = await this.uploads.upload(projectId, { kind, filename: filename ?? file?.originalname, entry, bytes, ...(received ? { received } : {}) });
    return createdOrFound(created, source, `/v1/projects/${projectId}/sources/${source.id}`);
  }

  /**
   * A GitHub repository at a branch, tag or commit (the default branch when `ref` is absent), with an optional
   * token for private repositories, stored encrypted. The repository is asked for once now, so a wrong name or
   * token is a 422 at once; each audit resolves the ref again and downloads and scans only a commit it has not
   * scanned. The same repository and ref again is the same source (200), its token replaced when one is given.
   */
  @Post('github')
  @ApiOperation({ summary: 'Add a GitHub repository as a source' })
  @Access.to('write', 'project')
  @Idempotent()
  @ApiResponse({ status: 201, type: RepositorySourceDto })
  @ApiResponse({ status: 200, type: RepositorySourceDto, description: 'The project already has this repository at this ref' })
  @SendsLocation(201, 200)
  async addGithub(@Param('id', ParseUUIDPipe) projectId: string, @Body() dto: AddGithubSourceDto): Promise<Answer<RepositorySourceDto>> {
    const { source, created } = await this.uploads.addGithub(projectId, dto);
    return createdOrFound(created, source, `/v1/projects/${projectId}/sources/${source.id}`);
  }

  /**
   * The changes from spec version `version - 1` to `version`, computed by the worker's diff-spec job when the version
   * was uploaded. JSON by default, a Markdown changelog with `Accept: text/markdown`; 404 until the job has run.
   */
  @Get('spec/versions/:version/diff')
  @ApiOperation({ summary: 'Get the diff of a spec version from the one before' })
  @Access.to('read', 'project')
  @ApiProduces('application/json', 'text/markdown')
  @Header('Vary', 'Accept')
  @ConditionalGet()
  @ApiOkResponse({
    description: 'The diff (`changes` as stored by the diff-spec job), or its Markdown changelog; the ETag is for If-None-Match.',
    content: {
      'application/json': {
        schema: {
          type: 'object',
          required: ['sourceId', 'baseSourceId', 'baseVersion', 'version', 'summary', 'changes', 'createdAt'],
          properties: {
            sourceId: { type: 'string', format: 'uuid' },
            baseSourceId: { type: 'string', format: 'uuid' },
            baseVersion: { type: 'integer' },
            version: { type: 'integer' },
            summary: { type: 'object', properties: { breaking: { type: 'integer' }, potentiallyBreaking: { type: 'integer' }, nonBreaking: { type: 'integer' }, info: { type: 'integer' } } },
            changes: { type: 'array', items: { type: 'object' } },
            createdAt: { type: 'string', format: 'date-time' },
          },
        },
      },
      'text/markdown': { schema: { type: 'string' } },
    },
  })
  async specDiff(@Param('id', ParseUUIDPipe) projectId: string, @Param('version', ParseIntPipe) version: number, @Req() req: Request): Promise<SpecDiffView | Representation> {
    const diff = await this.specDiffs.diff(projectId, version);
    if (req.accepts(['application/json', 'text/markdown']) === 'text/markdown') return new Representation(renderChangelogMarkdown(diff.changes), 'text/markdown; charset=utf-8');
    return specDiffView(diff);
  }

  /**
   * Queues the diff of a version again when it is not stored: an upload whose enqueue was lost, or a job that
   * failed for good. 202 while it is on its way, 200 when it is already there; GET the same URL for it.
   */
  @Post('spec/versions/:version/diff')
  @ApiOperation({ summary: "Queue a spec version's diff again" })
  @Access.to('write', 'project')
  // Safe to repeat as it is: a stored diff is left alone and a queued job is not queued twice.
  @ApiExtension('x-idempotency-key', false)
  @ApiResponse({ status: 202, type: SpecDiffRequeueDto, description: 'Queued; GET Location for the diff.' })
  @ApiResponse({ status: 200, type: SpecDiffRequeueDto, description: 'The diff is stored already; GET Location for it.' })
  @SendsLocation(202, 200)
  async requeueSpecDiff(@Param('id', ParseUUIDPipe) projectId: string, @Param('version', ParseIntPipe) version: number): Promise<Answer<SpecDiffRequeueDto>> {
    const status = await this.specDiffs.requeue(projectId, version);
    return new Answer(status === 'stored' ? 200 : 202, { status }, { Location: `/v1/projects/${projectId}/sources/spec/versions/${version}/diff` });
  }
}
