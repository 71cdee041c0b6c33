import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsUUID } from 'class-validator';

export class ComparisonQueryDto {
  @ApiPropertyOptional({ format: 'uuid', description: "the audit to compare with; default: the project's previous succeeded audit" })
  @IsOptional()
  @IsUUID()
  baseline?: string;
}

const endpoint = { type: 'object', nullable: true, required: ['method', 'path'], properties: { method: { type: 'string' }, path: { type: 'string' } } };
const comparedFinding = {
  type: 'object',
  required: ['ruleId', 'fingerprint', 'endpoint', 'severity', 'title'],
  properties: {
    id: { type: 'string', description: "the finding's id in the audit it is listed from: the baseline's for a resolved finding, the new audit's otherwise (absent from comparisons stored before it was added)" },
    ruleId: { type: 'string' },
    fingerprint: { type: 'string' },
    endpoint,
    severity: { type: 'string', enum: ['critical', 'high', 'medium', 'low', 'info'] },
    title: { type: 'string' },
    message: { type: 'string' },
  },
};
const findings = (description: string) => ({ type: 'array', description, items: comparedFinding });
const delta = { type: 'object', required: ['before', 'after', 'delta'], properties: { before: { type: 'number', nullable: true }, after: { type: 'number' }, delta: { type: 'number', nullable: true } } };

/** The comparison's schema, for the OpenAPI document (the body is libs/domain's AuditComparison plus the audit ids). */
export const COMPARISON_SCHEMA = {
  type: 'object',
  required: ['auditId', 'baselineAuditId', 'resolved', 'new', 'regressed', 'open', 'scores', 'validation'],
  properties: {
    auditId: { type: 'string', format: 'uuid' },
    baselineAuditId: { type: 'string', format: 'uuid', nullable: true, description: "null for the project's first audit" },
    regressed: findings('fixed by an earlier audit, reported again now'),
    new: findings('reported for the first time'),
    resolved: findings('in the baseline, gone now'),
    open: findings('in both'),
    scores: { ...delta, properties: { ...delta.properties, byCategory: { type: 'object', additionalProperties: delta } } },
    validation: {
      type: 'array',
      description: "each baseline plan item's target checked against this audit's data",
      items: {
        type: 'object',
        required: ['item', 'metric', 'before', 'after', 'target', 'met', 'note'],
        properties: {
          item: { type: 'object', properties: { rank: { type: 'integer' }, ruleId: { type: 'string' }, title: { type: 'string' }, endpoints: { type: 'array', items: endpoint } } },
          metric: { type: 'string' },
          before: { type: 'number', nullable: true },
          after: { type: 'number', nullable: true },
          target: { type: 'object', properties: { metric: { type: 'string' }, comparator: { type: 'string', enum: ['<', '<=', '==', '>=', '>'] }, value: { type: 'number' }, unit: { type: 'string' } } },
          met: { type: 'boolean', nullable: true, description: 'null when the new audit did not measure it' },
          note: { type: 'string' },
        },
      },
    },
  },
};
