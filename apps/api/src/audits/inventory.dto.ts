import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { DriftStatus, Endpoint, InventorySource } from '@apiaudit/domain';

export class EndpointTrafficDto {
  @ApiProperty({ minimum: 0 }) requests: number;
  @ApiProperty({ minimum: 0, maximum: 1 }) errorRate: number;
  @ApiProperty({ minimum: 0 }) p50Ms: number;
  @ApiProperty({ minimum: 0 }) p95Ms: number;
  @ApiProperty({ minimum: 0 }) p99Ms: number;
}

export class InventoryEndpointDto implements Endpoint {
  @ApiProperty({ example: 'GET', maxLength: 16 }) method: string;
  @ApiProperty({ example: '/v1/orders/{orderId}', maxLength: 2048 }) path: string;
  @ApiProperty({ enum: ['spec', 'code', 'trace'], isArray: true, description: 'Where the endpoint was seen' }) seenIn: InventorySource[];
  @ApiPropertyOptional({ maxLength: 500 }) operationId?: string;
  @ApiPropertyOptional({ maxLength: 500 }) service?: string;
  @ApiPropertyOptional() deprecated?: boolean;
  @ApiPropertyOptional({ enum: ['undocumented', 'zombie', 'shadow', 'unused'], description: 'Missing from a source where it should be' }) drift?: DriftStatus;
  @ApiPropertyOptional({ type: EndpointTrafficDto, description: 'Traffic figures when traces were audited' }) traffic?: EndpointTrafficDto;
}

export class DriftCountsDto {
  @ApiProperty({ minimum: 0 }) undocumented: number;
  @ApiProperty({ minimum: 0 }) zombie: number;
  @ApiProperty({ minimum: 0 }) shadow: number;
  @ApiProperty({ minimum: 0 }) unused: number;
}

export class InventoryPageDto {
  @ApiProperty({ type: [InventoryEndpointDto], description: 'Endpoints keyed by method and path template, by path then method' }) items: InventoryEndpointDto[];
  @ApiProperty({ type: DriftCountsDto, description: 'Drift counted over the whole inventory, not only this page' }) drift: DriftCountsDto;
  @ApiProperty({ type: String, nullable: true, description: 'URL of the next page; null on the last' }) next: string | null;
}
