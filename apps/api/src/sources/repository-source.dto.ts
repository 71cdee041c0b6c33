import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Length, Matches } from 'class-validator';

export class AddGithubSourceDto {
  @ApiProperty({ example: 'acme/shop-api', description: 'owner/name on GitHub (or on the GitHub Enterprise server the platform is set up for)' })
  @IsString()
  @Matches(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}\/[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$/, { message: 'repository must be owner/name' })
  repository: string;

  @ApiPropertyOptional({ example: 'main', description: 'Branch, tag or commit sha; the default branch when absent' })
  @IsOptional()
  @IsString()
  @Length(1, 255)
  @Matches(/^[^\s\u0000-\u001f\u007f~^:?*[\\]+$/, { message: 'ref must be a branch, tag or commit sha' })
  ref?: string;

  @ApiPropertyOptional({ description: 'A GitHub token that can read the repository; stored encrypted (AES-256-GCM), never returned' })
  @IsOptional()
  @IsString()
  @Length(1, 1000)
  @Matches(/^[\x21-\x7e]+$/, { message: 'token must be printable ASCII without spaces' })
  token?: string;
}

export class RepositorySourceDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) projectId: string;
  @ApiProperty({ enum: ['repository'] }) kind: string;
  @ApiProperty() version: number;
  @ApiProperty({ description: 'github:owner/name[@ref], or the uploaded archive\'s name' }) filename: string;
  @ApiProperty({ type: String, nullable: true }) repository: string | null;
  @ApiProperty({ type: String, nullable: true }) ref: string | null;
  @ApiProperty({ description: 'Whether a token is stored for it (the token itself is never returned)' }) hasToken: boolean;
  @ApiProperty({ type: String, nullable: true, description: 'Commit of the last scan (the archive hash for uploads); null before the first audit' }) commitSha: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) scannedAt: Date | null;
  @ApiProperty({ format: 'date-time' }) createdAt: Date;
}

/** An uploaded spec or trace export (an archive of a source tree answers as a RepositorySourceDto). */
export class SourceDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) projectId: string;
  @ApiProperty({ enum: ['spec', 'traces', 'repository'] }) kind: string;
  @ApiProperty({ description: 'SHA-256 of the bytes: the same bytes again are the same source (200)' }) sha256: string;
  @ApiProperty({ description: '1, 2, 3 … per project and kind; spec versions are diffed against the previous one' }) version: number;
  @ApiProperty() filename: string;
  @ApiProperty({ description: 'bytes' }) size: number;
  @ApiProperty({ type: String, nullable: true, description: 'Entry file inside an archive' }) entry: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: Date;
}

/** What POST …/spec/versions/{version}/diff did: nothing (the diff is stored) or queued its job again. */
export class SpecDiffRequeueDto {
  @ApiProperty({ enum: ['stored', 'queued'] }) status: 'stored' | 'queued';
}
