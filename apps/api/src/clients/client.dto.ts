import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';

export class CreateClientDto {
  @ApiProperty({ example: 'Acme Retail', minLength: 1, maxLength: 200 })
  @IsString()
  @Length(1, 200)
  name: string;
}

export class CreateProjectDto {
  @ApiProperty({ example: 'Storefront API', minLength: 1, maxLength: 200 })
  @IsString()
  @Length(1, 200)
  name: string;
}
