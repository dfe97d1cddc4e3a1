import { Inject, Module, type OnModuleInit } from '@nestjs/common';
import { CHANNEL_ADAPTER_REGISTRY, type ChannelAdapterRegistry } from '@switchboard/channel-kit';
import { AdminOnlyGuard } from './admin-only.guard.js';
import { EmailAdminController } from './email-admin.controller.js';
import { EmailChannelAdapter } from './email-channel.adapter.js';
import { EmailFilesController } from './email-files.controller.js';
import { EmailWatcherSupervisor } from './email-watcher.supervisor.js';
import { InboundMailProcessor } from './inbound-mail.processor.js';

/**
 * Email: IMAP watchers in, SMTP out. Needs from the app the kit's INGEST_PORT,
 * CHANNEL_ACCOUNT_DIRECTORY, CHANNEL_ADAPTER_REGISTRY and DELIVERY_STATUS_PORT, plus this
 * module's EMAIL_CHANNEL_STORE, MAIL_FILE_STORE and EMAIL_CHANNEL_SETTINGS (email-ports.ts).
 */
@Module({
  controllers: [EmailAdminController, EmailFilesController],
  providers: [EmailChannelAdapter, InboundMailProcessor, EmailWatcherSupervisor, AdminOnlyGuard],
  exports: [EmailChannelAdapter, InboundMailProcessor, EmailWatcherSupervisor],
})
export class EmailChannelModule implements OnModuleInit {
  constructor(
    @Inject(CHANNEL_ADAPTER_REGISTRY) private readonly registry: ChannelAdapterRegistry,
    private readonly adapter: EmailChannelAdapter,
  ) {}

  onModuleInit(): void {
    this.registry.register(this.adapter);
  }
}
