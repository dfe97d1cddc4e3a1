import { Inject, Module, type OnModuleInit } from '@nestjs/common';
import { CHANNEL_ADAPTER_REGISTRY, type ChannelAdapterRegistry } from '@switchboard/channel-kit';
import { ApiChannelAdapter } from './api-channel.adapter.js';
import { ApiChannelController } from './api-channel.controller.js';

/** The generic API channel; needs INGEST_PORT, CHANNEL_ACCOUNT_DIRECTORY and the adapter registry from the app. */
@Module({ controllers: [ApiChannelController] })
export class ApiChannelModule implements OnModuleInit {
  constructor(@Inject(CHANNEL_ADAPTER_REGISTRY) private readonly registry: ChannelAdapterRegistry) {}

  onModuleInit(): void {
    this.registry.register(new ApiChannelAdapter());
  }
}
