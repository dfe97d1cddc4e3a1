import { Global, Module } from '@nestjs/common';
import {
  ATTACHMENT_STORE,
  CHANNEL_ACCOUNT_DIRECTORY,
  CHANNEL_ADAPTER_REGISTRY,
  CONTACT_PREFERENCES_PORT,
  CUSTOMER_ACTIVITY_PORT,
  DELIVERY_STATUS_PORT,
  INGEST_PORT,
  REJECTED_WEBHOOK_LOG,
  WEB_CHAT_STORE,
} from '@switchboard/channel-kit';
import { TicketWriterModule } from '../tickets/ticket-writer.module.js';
import { ChannelAccountAdminController } from '../channel-accounts/channel-account-admin.controller.js';
import { ChannelAccountSetup } from '../channel-accounts/channel-account-setup.js';
import { ChannelAccountsModule } from '../channel-accounts/channel-accounts.module.js';
import { ChannelAccountsService } from '../channel-accounts/channel-accounts.service.js';
import { EventsModule } from '../events/events.module.js';
import { IngestModule } from '../ingest/ingest.module.js';
import { IngestService } from '../ingest/ingest.service.js';
import { InMemoryChannelAdapterRegistry } from '../outbound/channel-adapter-registry.js';
import { ContactPreferencesService } from './contact-preferences.service.js';
import { DeliveryStatusService } from './delivery-status.service.js';
import { FileAttachmentStore } from './file-attachment-store.js';
import { RejectedWebhooksController, RejectedWebhooksService } from './rejected-webhooks.js';
import { WebChatStoreService } from './web-chat-store.js';

/**
 * What the messaging channel modules need from the core, behind the kit's tokens.
 *
 * Global on purpose, and the only such port module besides EmailSupportModule: the channel libs
 * declare plain `@Module({ controllers })` classes that inject these tokens without importing
 * anything (a lib cannot import the app that hosts it), so Nest can only resolve the tokens for
 * them from a global module. App feature modules still import this module explicitly.
 */
@Global()
@Module({
  imports: [ChannelAccountsModule, EventsModule, IngestModule, TicketWriterModule],
  controllers: [RejectedWebhooksController, ChannelAccountAdminController],
  providers: [
    DeliveryStatusService,
    ContactPreferencesService,
    RejectedWebhooksService,
    FileAttachmentStore,
    ChannelAccountSetup,
    WebChatStoreService,
    { provide: INGEST_PORT, useExisting: IngestService },
    { provide: CHANNEL_ACCOUNT_DIRECTORY, useExisting: ChannelAccountsService },
    { provide: CHANNEL_ADAPTER_REGISTRY, useClass: InMemoryChannelAdapterRegistry },
    { provide: DELIVERY_STATUS_PORT, useExisting: DeliveryStatusService },
    { provide: CONTACT_PREFERENCES_PORT, useExisting: ContactPreferencesService },
    { provide: CUSTOMER_ACTIVITY_PORT, useExisting: ContactPreferencesService },
    { provide: REJECTED_WEBHOOK_LOG, useExisting: RejectedWebhooksService },
    { provide: ATTACHMENT_STORE, useExisting: FileAttachmentStore },
    { provide: WEB_CHAT_STORE, useExisting: WebChatStoreService },
  ],
  exports: [
    INGEST_PORT,
    CHANNEL_ACCOUNT_DIRECTORY,
    CHANNEL_ADAPTER_REGISTRY,
    DeliveryStatusService,
    DELIVERY_STATUS_PORT,
    CONTACT_PREFERENCES_PORT,
    CUSTOMER_ACTIVITY_PORT,
    REJECTED_WEBHOOK_LOG,
    ATTACHMENT_STORE,
    WEB_CHAT_STORE,
    ChannelAccountSetup,
  ],
})
export class ChannelPortsModule {}
