import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import {
  CreateWebhookBody,
  PatchWebhookBody,
  WebhookDeliveriesQuery,
  type WebhookCreatedView,
  type WebhookDeliveryView,
  type WebhookView,
} from '@switchboard/contracts';
import { notFound } from '@switchboard/domain';
import { CurrentViewer, Roles } from '../auth/auth.guard.js';
import type { AuthenticatedViewer } from '../auth/auth.service.js';
import { isUuid, parseInput } from '../common/validation.js';
import { WebhooksService } from './webhooks.service.js';

const webhookId = (id: string) => {
  if (!isUuid(id)) throw notFound('webhook not found');
  return id;
};

/** Event webhooks, their delivery log and redelivery: admins only, every change audited. */
@Controller('admin/webhooks')
@Roles('admin')
export class WebhooksController {
  constructor(private readonly webhooks: WebhooksService) {}

  @Get()
  async list(): Promise<{ items: WebhookView[] }> {
    return { items: await this.webhooks.list() };
  }

  /** Answers the signing secret once, whether the admin gave it or the server made it. */
  @Post()
  create(@CurrentViewer() viewer: AuthenticatedViewer, @Body() body: unknown): Promise<WebhookCreatedView> {
    return this.webhooks.create(parseInput(CreateWebhookBody, body), viewer.userId);
  }

  @Get(':id')
  get(@Param('id') id: string): Promise<WebhookView> {
    return this.webhooks.get(webhookId(id));
  }

  @Patch(':id')
  update(@Param('id') id: string, @Body() body: unknown): Promise<WebhookView> {
    return this.webhooks.update(webhookId(id), parseInput(PatchWebhookBody, body));
  }

  @Delete(':id')
  @HttpCode(204)
  async remove(@Param('id') id: string): Promise<void> {
    await this.webhooks.remove(webhookId(id));
  }

  @Get(':id/deliveries')
  deliveries(
    @Param('id') id: string,
    @Query() query: unknown,
  ): Promise<{ items: WebhookDeliveryView[]; nextCursor: string | null }> {
    const { limit, cursor } = parseInput(WebhookDeliveriesQuery, query);
    return this.webhooks.deliveries(webhookId(id), limit, cursor);
  }

  @Post(':id/deliveries/:deliveryId/redeliver')
  @HttpCode(200)
  redeliver(@Param('id') id: string, @Param('deliveryId') deliveryId: string): Promise<WebhookDeliveryView> {
    if (!isUuid(deliveryId)) throw notFound('delivery not found');
    return this.webhooks.redeliver(webhookId(id), deliveryId);
  }
}
