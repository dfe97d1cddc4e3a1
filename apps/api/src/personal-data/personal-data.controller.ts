import { Controller, Delete, Get, Inject, Param, Query, Req, Res } from '@nestjs/common';
import type { ContactErasureView } from '@switchboard/contracts';
import { invalid } from '@switchboard/domain';
import type { Readable } from 'node:stream';
import { noteForAudit } from '../audit/audit.interceptor.js';
import { CurrentViewer, Roles } from '../auth/auth.guard.js';
import type { AuthenticatedViewer } from '../auth/auth.service.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { ContactEraser } from './contact-erasure.js';
import { ContactExporter } from './contact-export.js';
import { exportArchive } from './export-archive.js';

interface ReplyLike {
  header(name: string, value: string): unknown;
}

/**
 * A contact's personal data on request: the export (a zip of everything held about them) for
 * supervisors and admins, who see every contact; the erasure for admins only, as it cannot be
 * undone. Both are audited (audited-actions.ts).
 */
@Controller('contacts')
export class PersonalDataController {
  constructor(
    private readonly exporter: ContactExporter,
    private readonly eraser: ContactEraser,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get(':id/export')
  @Roles('supervisor', 'admin')
  async export(
    @Param('id') id: string,
    @Req() req: unknown,
    @Res({ passthrough: true }) reply: ReplyLike,
  ): Promise<Readable> {
    const data = await this.exporter.export(id);
    noteForAudit(req, {
      details: {
        tickets: (data.document.tickets as unknown[]).length,
        files: data.files.length,
      },
    });
    reply.header('content-type', 'application/zip');
    reply.header('content-disposition', `attachment; filename="contact-${id}.zip"`);
    reply.header('cache-control', 'private, no-store');
    return exportArchive(data, this.config.dataDir);
  }

  /** `?erase=true` is required: a contact is never deleted outright, only erased (its tickets stay, anonymous). */
  @Delete(':id')
  @Roles('admin')
  async erase(
    @CurrentViewer() viewer: AuthenticatedViewer,
    @Param('id') id: string,
    @Query('erase') erase: unknown,
    @Req() req: unknown,
  ): Promise<ContactErasureView> {
    if (erase !== 'true')
      throw invalid(
        'erase: must be true; a contact is erased (personal data removed, tickets kept anonymous), never deleted outright',
      );
    const result = await this.eraser.erase(id, viewer.userId);
    const { contactId: _id, erasedAt: _at, ...counts } = result;
    noteForAudit(req, { details: counts });
    return result;
  }
}
