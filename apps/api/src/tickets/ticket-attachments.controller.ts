import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { RouteConfig } from '@nestjs/platform-fastify';
import { UploadAttachmentBody, UploadDraftAttachmentBody } from '@switchboard/contracts';
import { CurrentViewer } from '../auth/auth.guard.js';
import type { AuthenticatedViewer } from '../auth/auth.service.js';
import { ATTACHMENT_UPLOAD_ROUTE } from '../common/upload-body-limit.js';
import { parseInput } from '../common/validation.js';
import { TicketAttachments } from './ticket-attachments.service.js';

@Controller('tickets')
export class TicketAttachmentsController {
  constructor(private readonly attachments: TicketAttachments) {}

  /** An upload as JSON `{ filename, contentType, data: base64 }`, sent later with a reply's `attachmentIds`. */
  @Post(':id/attachments')
  @HttpCode(201)
  @RouteConfig(ATTACHMENT_UPLOAD_ROUTE)
  upload(@CurrentViewer() viewer: AuthenticatedViewer, @Param('id') id: string, @Body() body: unknown) {
    return this.attachments.upload(viewer, id, parseInput(UploadAttachmentBody, body));
  }
}

@Controller('attachments')
export class DraftAttachmentsController {
  constructor(private readonly attachments: TicketAttachments) {}

  /** An upload for a conversation not started yet, sent with `POST /api/tickets` `attachmentIds`. */
  @Post()
  @HttpCode(201)
  @RouteConfig(ATTACHMENT_UPLOAD_ROUTE)
  upload(@CurrentViewer() viewer: AuthenticatedViewer, @Body() body: unknown) {
    return this.attachments.uploadDraft(viewer, parseInput(UploadDraftAttachmentBody, body));
  }
}
