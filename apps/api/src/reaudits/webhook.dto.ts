import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, IsUrl, IsUUID, Length, MaxLength } from 'class-validator';
import { WEBHOOK_EVENTS } from '@apiaudit/domain';
import { MAX_PAGE_SIZE, PageQueryDto } from '../http/page';

export class CreateWebhookDto {
  @ApiProperty({ example: 'https://ci.example.com/hooks/apiaudit', maxLength: 2000 })
  @IsString()
  @MaxLength(2000)
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true, require_tld: false }, { message: 'url must be an http(s) URL' })
  url: string;

  @ApiProperty({ description: 'the HMAC key deliveries are signed with (X-Apiaudit-Signature); stored encrypted (AES-256-GCM), never answered back', minLength: 16, maxLength: 200, writeOnly: true })
  @IsString()
  @Length(16, 200)
  secret: string;
}

export class WebhookDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) projectId: string;
  @ApiProperty() url: string;
  @ApiProperty({ enum: WEBHOOK_EVENTS, isArray: true }) events: string[];
  @ApiProperty({ format: 'date-time' }) createdAt: Date;
}

export class WebhookPageDto {
  @ApiProperty({ type: [WebhookDto], maxItems: MAX_PAGE_SIZE }) items: WebhookDto[];
  @ApiProperty({ type: String, nullable: true, description: 'The next page, or null on the last one.' }) next: string | null;
}

export class DeliveryAttemptDto {
  @ApiProperty({ format: 'date-time' }) at: string;
  @ApiPropertyOptional({ description: "the receiver's HTTP status" }) status?: number;
  @ApiPropertyOptional() error?: string;
  @ApiProperty({ description: 'milliseconds until the answer or the failure' }) ms: number;
}

export class DeliveryDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) webhookId: string;
  @ApiProperty({ format: 'uuid' }) projectId: string;
  @ApiProperty({ format: 'uuid' }) auditId: string;
  @ApiProperty({ enum: WEBHOOK_EVENTS }) event: string;
  @ApiProperty({ enum: ['pending', 'delivered', 'failed'] }) status: string;
  @ApiProperty({ type: [DeliveryAttemptDto] }) attempts: DeliveryAttemptDto[];
  @ApiProperty({ format: 'date-time' }) createdAt: Date;
  @ApiProperty({ type: Date, format: 'date-time', nullable: true }) finishedAt: Date | null;
}

export class DeliveryPageDto {
  @ApiProperty({ type: [DeliveryDto], maxItems: MAX_PAGE_SIZE }) items: DeliveryDto[];
  @ApiProperty({ type: String, nullable: true, description: 'The next page, or null on the last one.' }) next: string | null;
}

export class DeliveryQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ format: 'uuid', description: "one webhook's deliveries" })
  @IsOptional()
  @IsUUID()
  webhookId?: string;
}
