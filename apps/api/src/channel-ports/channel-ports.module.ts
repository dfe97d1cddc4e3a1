import { Global, Module } from '@nestjs/common';
import { ATTACHMENT_STORE, CONTACT_PREFERENCES_PORT, CUSTOMER_ACTIVITY_PORT, DELIVERY_STATUS_PORT, REJECTED_WEBHOOK_LOG, WEB_CHAT_STORE } from '@switchboard/channel-kit';
import { ChannelAccountAdminController } from '../channel-accounts/channel-account-admin.controller.js';
import { ChannelAccountSetup } from '../channel-accounts/channel-account-setup.js';
import { ContactPreferencesService } from './contact-preferences.service.js';
import { DeliveryStatusService } from './delivery-status.service.js';
import { FileAttachmentStore } from './file-attachment-store.js';
import { RejectedWebhooksController, RejectedWebhooksService } from './rejected-webhooks.js';
import { WebChatStoreService } from './web-chat-store.js';

/** What the messaging channel modules need from the core, behind the kit's tokens. */
@Global()
@Module({
  controllers: [RejectedWebhooksController, ChannelAccountAdminController],
  providers: [
    DeliveryStatusService,
    ContactPreferencesService,
    RejectedWebhooksService,
    FileAttachmentStore,
    ChannelAccountSetup,
    WebChatStoreService,
    { provide: DELIVERY_STATUS_PORT, useExisting: DeliveryStatusService },
    { provide: CONTACT_PREFERENCES_PORT, useExisting: ContactPreferencesService },
    { provide: CUSTOMER_ACTIVITY_PORT, useExisting: ContactPreferencesService },
    { provide: REJECTED_WEBHOOK_LOG, useExisting: RejectedWebhooksService },
    { provide: ATTACHMENT_STORE, useExisting: FileAttachmentStore },
    { provide: WEB_CHAT_STORE, useExisting: WebChatStoreService },
  ],
  exports: [DeliveryStatusService, DELIVERY_STATUS_PORT, CONTACT_PREFERENCES_PORT, CUSTOMER_ACTIVITY_PORT, REJECTED_WEBHOOK_LOG, ATTACHMENT_STORE, WEB_CHAT_STORE, ChannelAccountSetup],
})
export class ChannelPortsModule {}
