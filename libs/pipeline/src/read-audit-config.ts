import { DEFAULT_CONFIG, parseAuditConfig, type AuditConfig } from '@apiaudit/rules';
import type { AuditInputs } from './audit-inputs';
import { resolveDeprecatedRuleIds } from './rule-catalog';

/**
 * apiaudit.yaml as every audit reads it: parsed and validated (a ConfigInputError naming the file and key), with
 * deprecated rule ids moved to their current ones and a warning for each. The CLI's `--config` and a project's
 * stored config (validated by the api on PUT, read again by the worker) both come through here.
 */
export function readAuditConfig(text: string, file: string): { config: AuditConfig; warnings: string[] } {
  return resolveDeprecatedRuleIds(parseAuditConfig(text, file), file);
}

/** The config of an audit's inputs: its `configText`, or the defaults. */
export function auditConfigOf(inputs: Pick<AuditInputs, 'configText'>): { config: AuditConfig; warnings: string[] } {
  return inputs.configText ? readAuditConfig(inputs.configText.text, inputs.configText.file) : { config: DEFAULT_CONFIG, warnings: [] };
}

/** The file name a config sent over HTTP is known by in messages: what the CLI would call the same text on disk. */
export function auditConfigFileName(mediaType: 'application/yaml' | 'application/json'): string {
  return mediaType === 'application/json' ? 'apiaudit.json' : 'apiaudit.yaml';
}
