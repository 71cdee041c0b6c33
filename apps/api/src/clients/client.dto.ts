import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length, Matches } from 'class-validator';

// Names are shown in plans and PDFs: control characters (U+0000 above all, which PostgreSQL cannot store) are refused.
const PRINTABLE = /^[^\u0000-\u001f\u007f]*$/;
const PRINTABLE_MESSAGE = 'name must not hold control characters (U+0000 to U+001F, U+007F)';

export class CreateClientDto {
  @ApiProperty({ example: 'Acme Retail', minLength: 1, maxLength: 200 })
  @IsString()
  @Length(1, 200)
  @Matches(PRINTABLE, { message: PRINTABLE_MESSAGE })
  name: string;
}

export class CreateProjectDto {
  @ApiProperty({ example: 'Storefront API', minLength: 1, maxLength: 200 })
  @IsString()
  @Length(1, 200)
  @Matches(PRINTABLE, { message: PRINTABLE_MESSAGE })
  name: string;
}

export class ClientDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ format: 'date-time' }) createdAt: Date;
}

export class ClientPageDto {
  @ApiProperty({ type: [ClientDto] }) items: ClientDto[];
  @ApiProperty({ type: String, nullable: true, description: 'URL of the next page; null on the last' }) next: string | null;
}

export class ProjectDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) clientId: string;
  @ApiProperty() name: string;
  @ApiProperty({ format: 'date-time' }) createdAt: Date;
}

export class ProjectPageDto {
  @ApiProperty({ type: [ProjectDto] }) items: ProjectDto[];
  @ApiProperty({ type: String, nullable: true, description: 'URL of the next page; null on the last' }) next: string | null;
}
