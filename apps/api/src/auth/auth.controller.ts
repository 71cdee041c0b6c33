import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post, Query, Req, UseInterceptors } from '@nestjs/common';
import { PageQueryDto } from '../http/page';
import { ApiExtension, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { type Answer, created } from '../http/answer';
import { Idempotent } from '../http/idempotency';
import { SendsLocation } from '../http/response-headers';
import { Access } from './access';
import { AccountsService, userView } from './accounts.service';
import { AcceptInvitationDto, ApiTokenListDto, CreatedApiTokenDto, CreateTokenDto, LoginDto, SignedInDto, UserDto } from './auth.dto';
import { CurrentPrincipal, type Principal } from './principal';
import { SessionAnswer, SessionCookieInterceptor } from './session-cookie';

@ApiTags('auth')
@UseInterceptors(SessionCookieInterceptor)
@Controller('v1')
export class AuthController {
  constructor(private readonly accounts: AccountsService) {}

  /** Signs in with email and password; the answer sets the `apiaudit_session` cookie. Rate limited per account and address. */
  @Post('auth/login')
  @ApiOperation({ summary: 'Sign in with email and password' })
  @Access.public()
  // No Idempotency-Key: a replayed answer would hand out a stored session; a retried sign-in just signs in again.
  @ApiExtension('x-idempotency-key', false)
  @HttpCode(200)
  @ApiOkResponse({ type: SignedInDto, headers: { 'Set-Cookie': { description: 'apiaudit_session=…; HttpOnly; SameSite=Lax', schema: { type: 'string' } } } })
  @ApiResponse({ status: 401, description: 'Wrong email or password.' })
  @ApiResponse({ status: 429, description: 'Too many failed sign-ins for this account or address.' })
  async login(@Body() dto: LoginDto, @Req() req: Request): Promise<SessionAnswer<SignedInDto>> {
    const signedIn = await this.accounts.signIn(dto.email, dto.password, req.ip ?? 'unknown');
    return new SessionAnswer({ user: signedIn.user }, { id: signedIn.session, expiresAt: signedIn.expiresAt });
  }

  /** Ends the session of the cookie sent, if any, and clears the cookie. */
  @Post('auth/logout')
  @ApiOperation({ summary: 'Sign out and clear the session cookie' })
  @Access.public()
  @HttpCode(204)
  @ApiNoContentResponse()
  async logout(@Req() req: Request): Promise<SessionAnswer<void>> {
    await this.accounts.signOut(req);
    return new SessionAnswer(undefined, null);
  }

  @Get('auth/me')
  @ApiOperation({ summary: 'Get the signed-in user' })
  @Access.signedIn()
  @ApiOkResponse({ type: UserDto })
  me(@CurrentPrincipal() principal: Principal): UserDto {
    return userView(principal);
  }

  /** A personal API token for scripts and the CLI, acting as the caller; the token is in this answer only. */
  @Post('auth/tokens')
  @ApiOperation({ summary: 'Create a personal API token' })
  @Access.signedIn()
  @Idempotent()
  @ApiResponse({ status: 201, type: CreatedApiTokenDto })
  @SendsLocation(201)
  async createToken(@Body() dto: CreateTokenDto, @CurrentPrincipal() principal: Principal, @Req() req: Request): Promise<Answer<CreatedApiTokenDto>> {
    const token = await this.accounts.createToken(principal, dto.name, req.ip ?? null);
    return created(token, `/v1/auth/tokens/${token.id}`);
  }

  @Get('auth/tokens')
  @ApiOperation({ summary: "List the caller's API tokens" })
  @Access.signedIn()
  @ApiOkResponse({ type: ApiTokenListDto })
  async tokens(@CurrentPrincipal() principal: Principal, @Query() page: PageQueryDto): Promise<ApiTokenListDto> {
    return this.accounts.listTokens(principal, page);
  }

  /** Revokes one of the caller's tokens at once; another user's token is a 404. */
  @Delete('auth/tokens/:id')
  @ApiOperation({ summary: "Revoke one of the caller's API tokens" })
  @Access.signedIn()
  @HttpCode(204)
  @ApiNoContentResponse()
  @ApiResponse({ status: 404, description: 'The caller has no token with this id.' })
  async revokeToken(@Param('id', ParseUUIDPipe) id: string, @CurrentPrincipal() principal: Principal, @Req() req: Request): Promise<void> {
    await this.accounts.revokeToken(principal, id, req.ip ?? null);
  }

  /** Creates the invited user (once) and signs them in. A used or expired invitation is a 410 problem. */
  @Post('invitations/:token/accept')
  @ApiOperation({ summary: 'Accept an invitation: create the user and sign in' })
  @Access.public()
  // No Idempotency-Key: a replay would hand out a stored session; a retry after success gets 410 and signs in instead.
  @ApiExtension('x-idempotency-key', false)
  @ApiResponse({ status: 201, type: SignedInDto })
  @ApiResponse({ status: 404, description: 'No invitation has this token.' })
  @ApiResponse({ status: 409, description: 'A user with the invited email exists.' })
  @ApiResponse({ status: 410, description: 'The invitation was accepted already, or has expired.' })
  async acceptInvitation(@Param('token') token: string, @Body() dto: AcceptInvitationDto, @Req() req: Request): Promise<SessionAnswer<SignedInDto>> {
    const signedIn = await this.accounts.acceptInvitation(token, dto.password, dto.name, req.ip ?? null);
    return new SessionAnswer({ user: signedIn.user }, { id: signedIn.session, expiresAt: signedIn.expiresAt });
  }
}
