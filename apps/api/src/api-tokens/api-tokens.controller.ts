import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { CreateApiTokenBody } from '@switchboard/contracts';
import { notFound } from '@switchboard/domain';
import { CurrentViewer } from '../auth/auth.guard.js';
import type { AuthenticatedViewer } from '../auth/auth.service.js';
import { isUuid, parseInput } from '../common/validation.js';
import { ApiTokensService } from './api-tokens.service.js';

/** A person's own tokens for integrations. Reached with a session only (API tokens cannot make tokens). */
@Controller('me/api-tokens')
export class ApiTokensController {
  constructor(private readonly tokens: ApiTokensService) {}

  @Get()
  async list(@CurrentViewer() viewer: AuthenticatedViewer) {
    return { items: await this.tokens.list(viewer.userId) };
  }

  /** Answers the token once, with its id; only a hash of it is kept. */
  @Post()
  create(@CurrentViewer() viewer: AuthenticatedViewer, @Body() body: unknown) {
    return this.tokens.create(viewer.userId, parseInput(CreateApiTokenBody, body));
  }

  @Delete(':id')
  @HttpCode(204)
  async revoke(@CurrentViewer() viewer: AuthenticatedViewer, @Param('id') id: string) {
    if (!isUuid(id)) throw notFound('API token not found');
    await this.tokens.revoke(viewer.userId, id);
  }
}
