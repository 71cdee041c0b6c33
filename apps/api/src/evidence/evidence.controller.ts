import { Controller, Get, Param, ParseUUIDPipe } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ConditionalGet } from '../http/etag';
import { Access } from '../auth/access';
import { EvidenceService, type FindingEvidenceView } from './evidence.service';

@ApiTags('findings')
@Controller('v1')
export class EvidenceController {
  constructor(private readonly evidence: EvidenceService) {}

  /** A finding's evidence with its context: spec lines around the line it names, and the spans of its traces. */
  @Get('audits/:id/findings/:findingId/evidence')
  @ApiOperation({ summary: "Get a finding's evidence in context: spec lines and trace spans" })
  @Access.to('read', 'audit')
  @ApiOkResponse({
    description:
      '`{spec: [{file, line, pointer?, note?, startLine, lines[]}], code: [{file?, line?, note?, startLine?, lines?}], traces: [{traceId, spans: [{spanId, parentSpanId?, name, service, kind, startUs, durationUs, isError}], highlight[], truncated}]}`; at most 8 spec excerpts of 9 lines, 3 traces of 300 spans.',
    schema: {
      type: 'object',
      required: ['spec', 'code', 'traces'],
      properties: {
        spec: { type: 'array', maxItems: 8, items: { type: 'object' } },
        code: { type: 'array', items: { type: 'object' } },
        traces: { type: 'array', maxItems: 3, items: { type: 'object' } },
      },
    },
  })
  @ConditionalGet()
  get(@Param('id', ParseUUIDPipe) id: string, @Param('findingId') findingId: string): Promise<FindingEvidenceView> {
    return this.evidence.ofFinding(id, findingId);
  }
}
