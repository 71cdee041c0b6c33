import { ApiProperty } from '@nestjs/swagger';
import { MAX_PAGE_SIZE } from '../http/page';
import { IsEmail, IsIn, IsString, Length, MaxLength } from 'class-validator';
import { CLIENT_ROLES, MIN_PASSWORD_LENGTH, ROLES, type ClientRole, type Role } from '@apiaudit/domain';
import { MAX_PASSWORD_LENGTH } from './passwords';

export class LoginDto {
  @ApiProperty({ example: 'ada@example.com', maxLength: 320 })
  @IsString()
  @MaxLength(320)
  email: string;

  @ApiProperty({ maxLength: MAX_PASSWORD_LENGTH, format: 'password' })
  @IsString()
  @MaxLength(MAX_PASSWORD_LENGTH)
  password: string;
}

export class UserDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'ada@example.com' }) email: string;
  @ApiProperty({ example: 'Ada Lovelace' }) name: string;
  @ApiProperty({ enum: ROLES }) role: Role;
  @ApiProperty({ format: 'uuid', nullable: true, type: String, description: 'null for consultants' }) clientId: string | null;
}

export class SignedInDto {
  @ApiProperty({ type: UserDto }) user: UserDto;
}

export class CreateTokenDto {
  @ApiProperty({ example: 'ci pipeline', minLength: 1, maxLength: 100 })
  @IsString()
  @Length(1, 100)
  name: string;
}

export class ApiTokenDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ format: 'date-time' }) createdAt: Date;
  @ApiProperty({ format: 'date-time', nullable: true, type: Date }) lastUsedAt: Date | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: Date }) revokedAt: Date | null;
}

export class CreatedApiTokenDto extends ApiTokenDto {
  @ApiProperty({ description: 'Shown in this answer only; send it as "Authorization: Bearer <token>".' }) token: string;
}

export class ApiTokenListDto {
  @ApiProperty({ type: [ApiTokenDto], maxItems: MAX_PAGE_SIZE }) items: ApiTokenDto[];
  @ApiProperty({ type: String, nullable: true, description: 'The next page, or null on the last one.', example: '/v1/auth/tokens?cursor=eyJhZnRlciI6Ii4uLiJ9' })
  next: string | null;
}

export class CreateInvitationDto {
  @ApiProperty({ example: 'grace@client.example', maxLength: 320 })
  @IsEmail()
  @MaxLength(320)
  email: string;

  @ApiProperty({ enum: CLIENT_ROLES })
  @IsIn(CLIENT_ROLES)
  role: ClientRole;
}

export class InvitationDto {
  @ApiProperty({ description: 'Single use; shown in this answer only.' }) token: string;
  @ApiProperty({ example: '/app/invitations/9Xc…' }) url: string;
  @ApiProperty({ format: 'date-time' }) expiresAt: Date;
}

export class AcceptInvitationDto {
  @ApiProperty({ minLength: MIN_PASSWORD_LENGTH, maxLength: MAX_PASSWORD_LENGTH, format: 'password' })
  @IsString()
  @Length(MIN_PASSWORD_LENGTH, MAX_PASSWORD_LENGTH)
  password: string;

  @ApiProperty({ example: 'Grace Hopper', minLength: 1, maxLength: 200 })
  @IsString()
  @Length(1, 200)
  name: string;
}
