import { Inject, Module, type OnModuleInit } from '@nestjs/common';
import { CHANNEL_ADAPTER_REGISTRY, type ChannelAdapterRegistry } from '@switchboard/channel-kit';
import { TelegramChannelAdapter } from './telegram-channel.adapter.js';
import { TelegramWebhookController } from './telegram-webhook.controller.js';

/** Telegram bots. Needs from the app: INGEST_PORT, CHANNEL_ACCOUNT_DIRECTORY, CHANNEL_ADAPTER_REGISTRY and the messaging ports. */
@Module({ controllers: [TelegramWebhookController] })
export class TelegramChannelModule implements OnModuleInit {
  constructor(@Inject(CHANNEL_ADAPTER_REGISTRY) private readonly registry: ChannelAdapterRegistry) {}

  onModuleInit(): void {
    this.registry.register(new TelegramChannelAdapter());
  }
}
