import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { BulkMacroBody, CreateMacroBody, PatchMacroBody } from '@switchboard/contracts';
import { CurrentViewer } from '../auth/auth.guard.js';
import type { AuthenticatedViewer } from '../auth/auth.service.js';
import { parseInput } from '../common/validation.js';
import { MacrosService } from './macros.service.js';

/** Macros and applying them; the bulk route comes first so "bulk" is never read as a ticket id. */
@Controller()
export class MacrosController {
  constructor(private readonly macros: MacrosService) {}

  @Post('tickets/bulk/macros/:macroId')
  @HttpCode(200)
  bulk(
    @CurrentViewer() viewer: AuthenticatedViewer,
    @Param('macroId') macroId: string,
    @Body() body: unknown,
  ) {
    return this.macros.applyBulk(viewer, parseInput(BulkMacroBody, body).ticketIds, macroId);
  }

  @Post('tickets/:id/macros/:macroId')
  @HttpCode(200)
  apply(
    @CurrentViewer() viewer: AuthenticatedViewer,
    @Param('id') id: string,
    @Param('macroId') macroId: string,
  ) {
    return this.macros.apply(viewer, id, macroId);
  }

  @Get('macros')
  list(@CurrentViewer() viewer: AuthenticatedViewer) {
    return this.macros.list(viewer);
  }

  @Post('macros')
  create(@CurrentViewer() viewer: AuthenticatedViewer, @Body() body: unknown) {
    return this.macros.create(viewer, parseInput(CreateMacroBody, body));
  }

  @Get('macros/:id')
  get(@CurrentViewer() viewer: AuthenticatedViewer, @Param('id') id: string) {
    return this.macros.get(viewer, id);
  }

  @Patch('macros/:id')
  patch(@CurrentViewer() viewer: AuthenticatedViewer, @Param('id') id: string, @Body() body: unknown) {
    return this.macros.patch(viewer, id, parseInput(PatchMacroBody, body));
  }

  @Delete('macros/:id')
  @HttpCode(204)
  remove(@CurrentViewer() viewer: AuthenticatedViewer, @Param('id') id: string) {
    return this.macros.remove(viewer, id);
  }
}
