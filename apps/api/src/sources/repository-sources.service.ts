import { Inject, Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sealToken, SourceRepository, tokenContext, type PlatformConfig, type SourceEntity } from '@apiaudit/db';
import { ArchiveInputError, formatGithubRef, GithubSourceInputError, resolveGithubCommit, unpackArchive } from '@apiaudit/github';
import { Problem } from '../http/problem';
import type { AddGithubSourceDto, RepositorySourceDto } from './repository-source.dto';
import { PLATFORM_CONFIG } from './sources.service';

/** A repository source as the API shows it: never the token, never the stored archive or scan. */
export function repositorySourceView(source: SourceEntity, hasToken: boolean): RepositorySourceDto {
  return {
    id: source.id,
    projectId: source.projectId,
    kind: source.kind,
    version: source.version,
    filename: source.filename,
    repository: source.repository,
    ref: source.ref,
    hasToken,
    commitSha: source.commitSha,
    scannedAt: source.scannedAt,
    createdAt: source.createdAt,
  };
}

/**
 * Repository sources: a GitHub repository at a ref, or an uploaded tar.gz/zip of one. Both are checked before
 * anything is stored (the repository must answer; the archive must unpack safely within the limits); the
 * worker fetches and scans them when an audit runs.
 */
@Injectable()
export class RepositorySourcesService {
  constructor(
    private readonly sources: SourceRepository,
    @Inject(PLATFORM_CONFIG) private readonly config: PlatformConfig,
  ) {}

  async addGithub(projectId: string, dto: AddGithubSourceDto): Promise<{ source: RepositorySourceDto; created: boolean }> {
    if (dto.token && !this.config.tokenKey) {
      throw new Problem(
        503,
        'token-storage-unavailable',
        'Tokens cannot be stored',
        'This deployment has no key to encrypt GitHub tokens with (APIAUDIT_TOKEN_KEY is not set), so it refuses to store one. Ask the operator to set it, or add a public repository without a token.',
      );
    }
    const [owner, name] = dto.repository.split('/') as [string, string];
    const repo = { owner, name: name.replace(/\.git$/, ''), ...(dto.ref ? { ref: dto.ref } : {}) };
    try {
      // One or two small requests now, so a misspelt repository or a token without access is told at once.
      await resolveGithubCommit(repo, { baseUrl: this.config.githubApiUrl, ...(dto.token ? { token: dto.token } : {}) });
    } catch (error) {
      if (error instanceof GithubSourceInputError) throw new Problem(422, 'repository-unreachable', 'Repository not reachable', error.message, { repository: dto.repository });
      throw new Problem(502, 'github-unavailable', 'GitHub did not answer', `GitHub could not be reached to check ${formatGithubRef(repo)}; try again later.`);
    }
    const repository = `${repo.owner}/${repo.name}`;
    const label = formatGithubRef(repo);
    const tokenSealed = dto.token ? sealToken(dto.token, this.config.tokenKey!, tokenContext(projectId, repository)) : undefined;
    const added = await this.sources.addUnlessKnown({
      projectId,
      kind: 'repository',
      sha256: createHash('sha256').update(label).digest('hex'),
      filename: label,
      size: 0,
      repository,
      ...(dto.ref ? { ref: dto.ref } : {}),
      ...(tokenSealed ? { tokenSealed } : {}),
    });
    // The same repository and ref again with a token: the new token replaces the stored one.
    if (!added.created && tokenSealed) await this.sources.replaceToken(added.source.id, tokenSealed);
    const hasToken = Boolean(tokenSealed) || (!added.created && (await this.sources.sealedTokenOf(added.source.id)) !== null);
    return { source: repositorySourceView(added.source, hasToken), created: added.created };
  }

  /** An uploaded archive of a repository: unpacked once into a temp folder to refuse it at the door if it is hostile. */
  async addArchive(projectId: string, filename: string, bytes: Buffer): Promise<{ source: RepositorySourceDto; created: boolean }> {
    if (bytes.length === 0) throw new Problem(400, 'empty-upload', 'Empty upload', 'The request carried no file.');
    const folder = mkdtempSync(join(tmpdir(), 'apiaudit-upload-'));
    try {
      await unpackArchive(bytes, folder, { limits: { maxFiles: this.config.repositoryMaxFiles, maxBytes: this.config.repositoryMaxBytes } });
    } catch (error) {
      if (!(error instanceof ArchiveInputError)) throw error;
      if (error.reason === 'limit') {
        throw new Problem(413, 'archive-too-large', 'Archive too large', `${error.message} (limits: ${this.config.repositoryMaxFiles} files, ${this.config.repositoryMaxBytes} bytes unpacked).`);
      }
      throw new Problem(422, error.reason === 'unsafe' ? 'unsafe-archive' : 'invalid-repository', error.reason === 'unsafe' ? 'Unsafe archive' : 'Invalid repository archive', error.message);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const added = await this.sources.addUnlessKnown({ projectId, kind: 'repository', sha256, filename, size: bytes.length, content: bytes });
    return { source: repositorySourceView(added.source, false), created: added.created };
  }
}
