import { Inject, Module, type OnModuleInit } from '@nestjs/common';
import {
  CHANNEL_ADAPTER_REGISTRY,
  CUSTOMER_ACTIVITY_PORT,
  type ChannelAdapterRegistry,
  type CustomerActivityPort,
} from '@switchboard/channel-kit';
import { MetaChannelAdapter } from './meta-channel.adapter.js';
import type { MetaChannel } from './meta-inbound.js';
import { MetaWebhookController } from './meta-webhook.controller.js';

/**
 * Messenger and Instagram through the Graph API. Needs from the app: INGEST_PORT,
 * CHANNEL_ACCOUNT_DIRECTORY, CHANNEL_ADAPTER_REGISTRY and the messaging ports.
 */
@Module({ controllers: [MetaWebhookController] })
export class MetaChannelModule implements OnModuleInit {
  constructor(
    @Inject(CHANNEL_ADAPTER_REGISTRY) private readonly registry: ChannelAdapterRegistry,
    @Inject(CUSTOMER_ACTIVITY_PORT) private readonly activity: CustomerActivityPort,
  ) {}

  onModuleInit(): void {
    for (const kind of ['messenger', 'instagram'] as MetaChannel[]) {
      // Customers are identities of kind `messenger` / `instagram` (page-scoped ids).
      const policy = {
        lastCustomerMessageAt: (accountId: string, address: string) =>
          this.activity.lastCustomerMessageAt(accountId, { kind, address }),
      };
      this.registry.register(new MetaChannelAdapter({ kind, policy }));
    }
  }
}
