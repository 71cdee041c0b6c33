import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';

export class PutGithubWebhookSecretDto {
  @ApiProperty({
    description: "the secret set in the GitHub webhook's Secret field (e.g. `openssl rand -hex 32`); stored encrypted (AES-256-GCM), never answered back",
    minLength: 16,
    maxLength: 200,
    writeOnly: true,
  })
  @IsString()
  @Length(16, 200)
  secret: string;
}

export class GithubWebhookSecretDto {
  @ApiProperty({ format: 'uuid' }) projectId: string;
  @ApiProperty({ example: '/v1/webhooks/github', description: "the Payload URL to set on the repository's GitHub webhook (on this server; content type application/json, the push event)" })
  webhookUrl: string;
  @ApiProperty({ format: 'date-time', description: 'when the secret was set (a rotation sets it again)' }) setAt: Date;
}
