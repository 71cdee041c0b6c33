import { ApiProperty } from '@nestjs/swagger';
import type { SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';

/** apiaudit.yaml as JSON Schema, for the document: the authoritative check is parseAuditConfig (libs/rules). */
export const AUDIT_CONFIG_SCHEMA: SchemaObject = {
  type: 'object',
  description: 'apiaudit.yaml: rule switches and severities, suppressions, trace thresholds, prices, the diff policy (README, "Configuration").',
  additionalProperties: false,
  properties: {
    rules: {
      type: 'object',
      description: 'Rule id -> off | on | a severity | { enabled, severity, paths }.',
      additionalProperties: {
        oneOf: [
          { type: 'string', enum: ['off', 'on', 'info', 'low', 'medium', 'high', 'critical'] },
          { type: 'boolean' },
          {
            type: 'object',
            additionalProperties: false,
            properties: {
              enabled: { type: 'boolean' },
              severity: { type: 'string', enum: ['info', 'low', 'medium', 'high', 'critical'] },
              paths: { type: 'array', maxItems: 100, items: { type: 'string', maxLength: 500 } },
            },
          },
        ],
      },
    },
    suppressions: {
      type: 'array',
      maxItems: 10000,
      items: {
        type: 'object',
        required: ['reason'],
        properties: {
          fingerprint: { type: 'string', maxLength: 200 },
          rule: { type: 'string', maxLength: 200 },
          endpoint: { type: 'string', maxLength: 2000, example: 'GET /orders/{id}' },
          reason: { type: 'string', minLength: 3, maxLength: 2000 },
        },
      },
    },
    traces: { type: 'object', description: 'Trace detector thresholds (libs/traces, trace-config.ts).' },
    pricing: { type: 'object', description: 'Unit prices for cost per endpoint.' },
    diff: { type: 'object', properties: { minDeprecationDays: { type: 'integer', minimum: 0, maximum: 36500 } } },
  },
};

export class SavedAuditConfigDto {
  @ApiProperty({ enum: ['application/yaml', 'application/json'], description: 'How the config was sent, and how GET returns it' })
  mediaType: 'application/yaml' | 'application/json';

  @ApiProperty({ format: 'date-time' })
  updatedAt: Date;

  @ApiProperty({ type: [String], description: 'What to change in the config, e.g. a deprecated rule id (its setting applies to the current id)' })
  warnings: string[];
}
