import { Controller, Get, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { Access } from '../auth/access';
import { ConditionalGet } from '../http/etag';
import { COMPARISON_SCHEMA, ComparisonQueryDto } from './comparison.dto';
import { ComparisonsService, type ComparisonView } from './comparisons.service';

@ApiTags('audits')
@Controller('v1')
export class ComparisonsController {
  constructor(private readonly comparisons: ComparisonsService) {}

  /** What changed since the baseline audit: regressed, new, resolved and open findings, score deltas, plan targets checked. */
  @Get('audits/:id/comparison')
  @ApiOperation({ summary: 'Compare an audit with its baseline audit' })
  @Access.to('read', 'audit')
  @ApiOkResponse({ description: 'The comparison with the baseline (`baselineAuditId` null for the project’s first audit).', schema: COMPARISON_SCHEMA })
  @ApiResponse({ status: 409, description: 'The audit (or the baseline) has not succeeded yet.' })
  @ApiResponse({ status: 400, description: 'The baseline is this audit or a later one.' })
  @ConditionalGet()
  get(@Param('id', ParseUUIDPipe) id: string, @Query() query: ComparisonQueryDto): Promise<ComparisonView> {
    return this.comparisons.compare(id, query.baseline);
  }
}
