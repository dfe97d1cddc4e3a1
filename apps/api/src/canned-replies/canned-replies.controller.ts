import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  NotFoundException,
  Param,
  Patch,
  Post,
} from '@nestjs/common';
import { CreateCannedReplyBody, PatchCannedReplyBody, type CannedReplyView } from '@switchboard/contracts';
import { CurrentViewer, Roles } from '../auth/auth.guard.js';
import type { AuthenticatedViewer } from '../auth/auth.service.js';
import { isUuid, parseInput } from '../common/validation.js';
import { CannedReplies } from './canned-replies.service.js';

/** Every agent reads canned replies in the composer. */
@Controller('canned-replies')
export class CannedRepliesController {
  constructor(private readonly replies: CannedReplies) {}

  @Get()
  async list(): Promise<{ items: CannedReplyView[] }> {
    return { items: await this.replies.list() };
  }
}

/** Admins write them. */
@Controller('admin/canned-replies')
@Roles('admin')
export class CannedRepliesAdminController {
  constructor(private readonly replies: CannedReplies) {}

  @Post()
  async create(
    @CurrentViewer() viewer: AuthenticatedViewer,
    @Body() body: unknown,
  ): Promise<CannedReplyView> {
    const input = parseInput(CreateCannedReplyBody, body);
    return this.replies.create(input, viewer.userId);
  }

  @Patch(':id')
  async update(@Param('id') id: string, @Body() body: unknown): Promise<CannedReplyView> {
    if (!isUuid(id)) throw new NotFoundException('canned reply not found');
    const input = parseInput(PatchCannedReplyBody, body);
    return this.replies.update(id, input);
  }

  @Delete(':id')
  @HttpCode(204)
  async remove(@Param('id') id: string): Promise<void> {
    if (!isUuid(id)) throw new NotFoundException('canned reply not found');
    await this.replies.remove(id);
  }
}
