import { Injectable } from '@nestjs/common';
import { CatalogRepository, type StoredAuditConfig } from '@apiaudit/db';
import { auditConfigFileName, readAuditConfig } from '@apiaudit/pipeline';
import { ConfigInputError } from '@apiaudit/rules';
import { notFound, Problem } from '../http/problem';

export type ConfigMediaType = StoredAuditConfig['mediaType'];

/** YAML under any of its registered or customary names, JSON with or without a `+json` suffix; anything else is unknown. */
export function configMediaType(contentType: string | undefined): ConfigMediaType | undefined {
  const type = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  if (/^(application|text)\/(x-)?yaml$/.test(type)) return 'application/yaml';
  if (/^application\/([\w.-]+\+)?json$/.test(type)) return 'application/json';
  return undefined;
}

export interface SavedAuditConfig {
  mediaType: ConfigMediaType;
  updatedAt: Date;
  /** What the consultant should change, e.g. a deprecated rule id (the setting is applied to the current id). */
  warnings: string[];
}

/** A project's apiaudit.yaml: validated exactly as the CLI validates `--config`, stored as sent, read by the worker. */
@Injectable()
export class ProjectConfigService {
  constructor(private readonly catalog: CatalogRepository) {}

  async replace(projectId: string, contentType: string | undefined, text: string): Promise<SavedAuditConfig> {
    const mediaType = configMediaType(contentType);
    if (!mediaType) throw new Problem(415, 'unsupported-media-type', 'Unsupported media type', 'Send the apiaudit.yaml as application/yaml or application/json.');
    let warnings: string[];
    try {
      warnings = readAuditConfig(text, auditConfigFileName(mediaType)).warnings;
    } catch (error) {
      if (!(error instanceof ConfigInputError)) throw error;
      throw new Problem(422, 'invalid-config', 'Invalid audit config', error.message, error.key ? { key: error.key } : {});
    }
    const saved = await this.catalog.saveAuditConfig(projectId, { text, mediaType });
    if (!saved) throw notFound('Project', projectId);
    return { mediaType, updatedAt: saved.updatedAt, warnings };
  }

  async current(projectId: string): Promise<StoredAuditConfig> {
    const stored = await this.catalog.auditConfigOf(projectId);
    if (stored) return stored;
    if (!(await this.catalog.findProject(projectId))) throw notFound('Project', projectId);
    throw new Problem(404, 'not-found', 'No audit config', `Project ${projectId} has no audit config; its audits use the defaults. PUT an apiaudit.yaml to set one.`);
  }
}
