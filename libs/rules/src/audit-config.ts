import type { ValidateFunction } from 'ajv';
import picomatch from 'picomatch';
import { CORE_SCHEMA, load, YAMLException } from 'js-yaml';
import { isSeverity, type EndpointRef, type Finding, type Severity } from '@apiaudit/domain';
import { createAjv } from './load-ajv';

export interface RuleSetting {
  enabled: boolean;
  severity?: Severity;
  /** Path globs the rule applies to; findings outside them are dropped. */
  paths?: string[];
}

export interface Suppression {
  fingerprint?: string;
  rule?: string;
  /** "METHOD /path" */
  endpoint?: string;
  reason: string;
}

/** apiaudit.yaml: rule switches for every source, suppressions, and sections other libs read (traces, pricing, diff). */
export interface AuditConfig {
  rules: Record<string, RuleSetting>;
  suppressions: Suppression[];
  traces?: Record<string, unknown>;
  pricing?: Record<string, unknown>;
  diff?: { minDeprecationDays?: number };
}

export class ConfigInputError extends Error {
  override name = 'ConfigInputError';

  /** @param key the offending key, dotted (`rules.operation-missing-4xx`), when the text parsed but did not validate. */
  constructor(
    message: string,
    readonly key?: string,
  ) {
    super(message);
  }
}

export const DEFAULT_CONFIG: AuditConfig = { rules: {}, suppressions: [] };

const SCHEMA = {
  type: 'object',
  additionalProperties: false,
  properties: {
    rules: {
      type: 'object',
      additionalProperties: {
        oneOf: [
          { enum: ['off', 'on', 'info', 'low', 'medium', 'high', 'critical'] },
          { type: 'boolean' },
          {
            type: 'object',
            additionalProperties: false,
            properties: {
              enabled: { type: 'boolean' },
              severity: { enum: ['info', 'low', 'medium', 'high', 'critical'] },
              paths: { type: 'array', items: { type: 'string' } },
            },
          },
        ],
      },
    },
    suppressions: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['reason'],
        properties: {
          fingerprint: { type: 'string' },
          rule: { type: 'string' },
          endpoint: { type: 'string', pattern: '^[A-Za-z]+ /' },
          reason: { type: 'string', minLength: 3 },
        },
        anyOf: [{ required: ['fingerprint'] }, { required: ['rule'] }],
      },
    },
    traces: { type: 'object' },
    pricing: { type: 'object' },
    diff: { type: 'object', properties: { minDeprecationDays: { type: 'integer', minimum: 0 } } },
  },
} as const;

// Compiled on first use: most runs have no apiaudit.yaml and should not pay for Ajv's code generation.
let validateConfig: ValidateFunction | undefined;

function parseConfigJson(text: string, file: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new ConfigInputError(`${file}: invalid JSON: ${(error as Error).message}`);
  }
}

function parseConfigYaml(text: string, file: string): unknown {
  try {
    return load(text, { schema: CORE_SCHEMA });
  } catch (error) {
    if (!(error instanceof YAMLException)) throw error;
    const at = error.mark ? `:${error.mark.line + 1}:${error.mark.column + 1}` : '';
    throw new ConfigInputError(`${file}${at}: invalid YAML: ${error.reason}`);
  }
}

/**
 * Parses and validates apiaudit.yaml (or a `.json` file with the same content); errors name the file and the
 * offending key. The CLI's `--config` and the platform's project config both come through here.
 */
export function parseAuditConfig(text: string, file: string): AuditConfig {
  const raw = ((/\.json$/i.test(file) ? parseConfigJson(text, file) : parseConfigYaml(text, file)) ?? {}) as Record<string, unknown>;
  const validate = (validateConfig ??= createAjv({ allErrors: false }).compile(SCHEMA));
  if (!validate(raw)) {
    const error = validate.errors![0];
    const key = error.instancePath ? error.instancePath.slice(1).replace(/\//g, '.').replace(/~1/g, '/').replace(/~0/g, '~') : undefined;
    const extra = error.params && 'additionalProperty' in error.params ? ` '${String(error.params.additionalProperty)}'` : '';
    const named = extra && key ? `${key}.${String(error.params.additionalProperty)}` : extra ? String(error.params.additionalProperty) : key;
    throw new ConfigInputError(`${file}: ${key ?? '(top level)'} ${error.message}${extra}`, named);
  }
  const rules: Record<string, RuleSetting> = {};
  for (const [id, value] of Object.entries((raw.rules ?? {}) as Record<string, unknown>)) {
    if (value === 'off' || value === false) rules[id] = { enabled: false };
    else if (value === 'on' || value === true) rules[id] = { enabled: true };
    else if (isSeverity(value)) rules[id] = { enabled: true, severity: value };
    else {
      const v = value as { enabled?: boolean; severity?: Severity; paths?: string[] };
      rules[id] = { enabled: v.enabled ?? true, ...(v.severity ? { severity: v.severity } : {}), ...(v.paths ? { paths: v.paths } : {}) };
    }
  }
  return {
    rules,
    suppressions: (raw.suppressions ?? []) as Suppression[],
    ...(raw.traces ? { traces: raw.traces as Record<string, unknown> } : {}),
    ...(raw.pricing ? { pricing: raw.pricing as Record<string, unknown> } : {}),
    ...(raw.diff ? { diff: raw.diff as AuditConfig['diff'] } : {}),
  };
}

export interface ConfiguredFindings {
  findings: Finding[];
  suppressed: number;
}

function endpointText(e: EndpointRef): string {
  return `${e.method.toUpperCase()} ${e.path}`;
}

/** Applies rule switches, severity overrides, path scopes and suppressions to findings of any source. */
export function applyConfig(findings: Finding[], config: AuditConfig): ConfiguredFindings {
  const matchers = new Map<string, (path: string) => boolean>();
  for (const [id, setting] of Object.entries(config.rules)) if (setting.paths) matchers.set(id, picomatch(setting.paths));
  let suppressed = 0;
  const kept: Finding[] = [];
  for (const finding of findings) {
    const setting = config.rules[finding.ruleId];
    if (setting && !setting.enabled) continue;
    let current = finding;
    const inScope = matchers.get(finding.ruleId);
    if (inScope) {
      if (current.endpoint && !inScope(current.endpoint.path)) continue;
      if (current.affected) {
        const affected = current.affected.filter((e) => inScope(e.path));
        if (affected.length === 0) continue;
        current = { ...current, affected };
      } else if (!current.endpoint) continue;
    }
    if (setting?.severity) current = { ...current, severity: setting.severity };
    const isSuppressed = config.suppressions.some(
      (s) =>
        (s.fingerprint !== undefined && s.fingerprint === current.fingerprint) ||
        (s.fingerprint === undefined && s.rule === current.ruleId && (!s.endpoint || (current.endpoint && endpointText(current.endpoint) === s.endpoint.replace(/^(\w+)/, (m) => m.toUpperCase())))),
    );
    if (isSuppressed) {
      suppressed++;
      continue;
    }
    kept.push(current);
  }
  return { findings: kept, suppressed };
}
