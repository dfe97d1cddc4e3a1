import { Global, Module } from '@nestjs/common';
import { EMAIL_CHANNEL_SETTINGS, EMAIL_CHANNEL_STORE, MAIL_FILE_STORE } from '@switchboard/channel-email';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { EventsModule } from '../events/events.module.js';
import { OutboundModule } from '../outbound/outbound.module.js';
import { EmailChannelRepository } from './email-channel.repository.js';
import { loadEmailSettings } from './email-settings.js';
import { DataDirMailFileStore } from './mail-file-store.js';
import { TicketWriterModule } from '../tickets/ticket-writer.module.js';

/**
 * What EmailChannelModule needs from the core, behind the tokens of its email-ports.ts. Global for
 * the same reason as ChannelPortsModule: the lib's module injects these tokens without imports.
 */
@Global()
@Module({
  imports: [EventsModule, OutboundModule, TicketWriterModule],
  providers: [
    EmailChannelRepository,
    DataDirMailFileStore,
    { provide: EMAIL_CHANNEL_STORE, useExisting: EmailChannelRepository },
    { provide: MAIL_FILE_STORE, useExisting: DataDirMailFileStore },
    {
      provide: EMAIL_CHANNEL_SETTINGS,
      useFactory: (config: AppConfig) => loadEmailSettings(config),
      inject: [APP_CONFIG],
    },
  ],
  exports: [EMAIL_CHANNEL_STORE, MAIL_FILE_STORE, EMAIL_CHANNEL_SETTINGS],
})
export class EmailSupportModule {}
