import { Inject, Injectable, Logger } from '@nestjs/common';
import { UnrecoverableError } from 'bullmq';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { scanRepositoryInThread, type CodeScanResult } from '@apiaudit/code-scan';
import { openToken, SourceRepository, tokenContext, type PlatformConfig, type SourceEntity } from '@apiaudit/db';
import { ArchiveInputError, downloadGithubCommit, GithubSourceInputError, resolveGithubCommit, unpackArchive, type GithubRepoRef } from '@apiaudit/github';
import { AuditJob } from '@apiaudit/domain';
import { foldersOfDeadProcesses, pidFolderPrefix } from '@apiaudit/host';
import { freezeIfFaultAt } from './fault-point';
import { PLATFORM_CONFIG } from './platform-config.token';

/** How a repository source's files are named in findings: `owner/name`, or the upload's name without its extension. */
export function repositoryLabel(source: SourceEntity): string {
  return source.repository ?? source.filename.replace(/\.(tar\.gz|tgz|tar|zip)$/i, '');
}

/** A repository source's scan, whether it was stored already, and the commit (an upload: archive hash) it read. */
export interface ScanOutcome {
  scan: CodeScanResult;
  reused: boolean;
  commitSha: string;
}

/**
 * Brings a repository source's code scan up to date: a GitHub source's ref is resolved to a commit, and only a
 * commit not scanned before is downloaded and scanned; an upload is scanned once. The tree lives in a temp
 * folder for the length of the scan.
 */
@Injectable()
export class RepositoryScanner {
  private readonly log = new Logger(RepositoryScanner.name);

  constructor(
    private readonly sources: SourceRepository,
    @Inject(PLATFORM_CONFIG) private readonly config: PlatformConfig,
  ) {}

  async scan(source: SourceEntity): Promise<ScanOutcome> {
    return source.repository ? this.scanGithub(source, source.repository) : this.scanUpload(source);
  }

  private get limits() {
    return { maxFiles: this.config.repositoryMaxFiles, maxBytes: this.config.repositoryMaxBytes };
  }

  private async scanUpload(source: SourceEntity): Promise<ScanOutcome> {
    const stored = await this.sources.scanOf(source.id);
    if (stored?.commitSha === source.sha256) return { scan: stored.scan, reused: true, commitSha: source.sha256 };
    const bytes = await this.sources.contentOf(source.id);
    return this.inTempFolder(async (folder) => {
      try {
        await unpackArchive(bytes, folder, { limits: this.limits });
      } catch (error) {
        // The api unpacked it before storing it; refused now means the limits were lowered since.
        if (error instanceof ArchiveInputError) throw new UnrecoverableError(`${source.filename}: ${error.message}`);
        throw error;
      }
      const scan = await scanRepositoryInThread(folder, { label: repositoryLabel(source) });
      await this.sources.saveScan(source.id, { commitSha: source.sha256, scan });
      return { scan, reused: false, commitSha: source.sha256 };
    });
  }

  private async scanGithub(source: SourceEntity, repository: string): Promise<ScanOutcome> {
    const [owner, name] = repository.split('/') as [string, string];
    const repo: GithubRepoRef = { owner, name, ...(source.ref ? { ref: source.ref } : {}) };
    const options = { baseUrl: this.config.githubApiUrl, ...(await this.tokenOf(source, repository)) };
    try {
      const commit = await resolveGithubCommit(repo, options);
      const stored = await this.sources.scanOf(source.id);
      if (stored?.commitSha === commit.sha) {
        this.log.log(`${repository}@${commit.ref}: commit ${commit.sha.slice(0, 12)} already scanned`);
        return { scan: stored.scan, reused: true, commitSha: commit.sha };
      }
      return await this.inTempFolder(async (folder) => {
        const fetched = await downloadGithubCommit(repo, commit, { ...options, destination: folder, limits: this.limits });
        const scan = await scanRepositoryInThread(folder, { label: repositoryLabel(source) });
        await this.sources.saveScan(source.id, { commitSha: commit.sha, scan });
        this.log.log(`${repository}@${commit.ref}: commit ${commit.sha.slice(0, 12)}, ${fetched.files} files, ${scan.endpoints.length} endpoints`);
        return { scan, reused: false, commitSha: commit.sha };
      });
    } catch (error) {
      // A missing repository or a rejected token stays so; a rate limit or a network error may pass with the job's retries.
      if (error instanceof GithubSourceInputError && error.status !== 403 && error.status !== 429) throw new UnrecoverableError(error.message);
      throw error;
    }
  }

  private async tokenOf(source: SourceEntity, repository: string): Promise<{ token?: string }> {
    const sealed = await this.sources.sealedTokenOf(source.id);
    if (!sealed) return {};
    if (!this.config.tokenKey) throw new UnrecoverableError(`${repository}: its token cannot be opened: APIAUDIT_TOKEN_KEY is not set on the worker`);
    try {
      return { token: openToken(sealed, this.config.tokenKey, tokenContext(source.projectId, repository)) };
    } catch {
      throw new UnrecoverableError(`${repository}: its token cannot be opened with this APIAUDIT_TOKEN_KEY (was the key changed?); add the source again with its token`);
    }
  }

  private async inTempFolder<T>(work: (folder: string) => Promise<T>): Promise<T> {
    // A scan taken over from a killed worker finds that worker's folder here: it goes first.
    reapOrphanedRepositoryFolders();
    const folder = mkdtempSync(join(tmpdir(), repositoryFolderPrefix()));
    try {
      freezeIfFaultAt(this.config, AuditJob.scanRepositories, 'during', folder.slice(folder.lastIndexOf('/') + 1));
      return await work(folder);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  }
}

const REPOSITORY_FOLDER = 'apiaudit-repo-';

/** A scan's temp folder is named after its worker, `apiaudit-repo-<pid>-XXXXXX`, so a later worker knows whose it was. */
function repositoryFolderPrefix(pid: number = process.pid): string {
  return pidFolderPrefix(REPOSITORY_FOLDER, pid);
}

/**
 * Removes the temp folders of scans whose worker died mid-scan (SIGKILL, OOM: its `finally` never ran). A
 * repository can be hundreds of megabytes unpacked. Folders of live workers on this host are left alone. Run when
 * a worker starts.
 */
export function reapOrphanedRepositoryFolders(dir: string = tmpdir()): string[] {
  const removed = foldersOfDeadProcesses(dir, REPOSITORY_FOLDER);
  for (const folder of removed) rmSync(folder, { recursive: true, force: true });
  return removed;
}
