import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { CreateSavedViewBody, PatchSavedViewBody } from '@switchboard/contracts';
import { CurrentViewer } from '../auth/auth.guard.js';
import type { AuthenticatedViewer } from '../auth/auth.service.js';
import { parseInput } from '../common/validation.js';
import { SavedViews } from './saved-views.service.js';

/** Saved views of the ticket list: personal ones, and shared ones that supervisors and admins keep. */
@Controller('views')
export class SavedViewsController {
  constructor(private readonly views: SavedViews) {}

  @Get()
  async list(@CurrentViewer() viewer: AuthenticatedViewer) {
    return { items: await this.views.list(viewer) };
  }

  @Post()
  create(@CurrentViewer() viewer: AuthenticatedViewer, @Body() body: unknown) {
    return this.views.create(viewer, parseInput(CreateSavedViewBody, body));
  }

  @Patch(':id')
  patch(@CurrentViewer() viewer: AuthenticatedViewer, @Param('id') id: string, @Body() body: unknown) {
    return this.views.patch(viewer, id, parseInput(PatchSavedViewBody, body));
  }

  @Delete(':id')
  @HttpCode(204)
  async remove(@CurrentViewer() viewer: AuthenticatedViewer, @Param('id') id: string): Promise<void> {
    await this.views.remove(viewer, id);
  }
}
