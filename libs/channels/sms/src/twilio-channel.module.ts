import { Inject, Module, type OnModuleInit } from '@nestjs/common';
import {
  CHANNEL_ADAPTER_REGISTRY,
  CONTACT_PREFERENCES_PORT,
  CUSTOMER_ACTIVITY_PORT,
  type ChannelAdapterRegistry,
  type ContactPreferencesPort,
  type CustomerActivityPort,
} from '@switchboard/channel-kit';
import type { TwilioSendPolicy } from './twilio-adapter.js';
import { TwilioChannelAdapter } from './twilio-channel.adapter.js';
import { TwilioWebhookController } from './twilio-webhook.controller.js';

/**
 * SMS and WhatsApp through Twilio. Needs from the app: INGEST_PORT, CHANNEL_ACCOUNT_DIRECTORY,
 * CHANNEL_ADAPTER_REGISTRY and the messaging ports (delivery status, contact preferences,
 * customer activity, rejected-webhook log, attachment store).
 */
@Module({ controllers: [TwilioWebhookController] })
export class TwilioChannelModule implements OnModuleInit {
  constructor(
    @Inject(CHANNEL_ADAPTER_REGISTRY) private readonly registry: ChannelAdapterRegistry,
    @Inject(CONTACT_PREFERENCES_PORT) private readonly preferences: ContactPreferencesPort,
    @Inject(CUSTOMER_ACTIVITY_PORT) private readonly activity: CustomerActivityPort,
  ) {}

  onModuleInit(): void {
    // SMS and WhatsApp senders are both `phone` identities, so a STOP on one is honoured on both.
    const policy: TwilioSendPolicy = {
      isOptedOut: (_accountId, address) => this.preferences.isOptedOut({ kind: 'phone', address }),
      lastCustomerMessageAt: (accountId, address) =>
        this.activity.lastCustomerMessageAt(accountId, { kind: 'phone', address }),
    };
    this.registry.register(new TwilioChannelAdapter({ kind: 'twilio_sms', policy }));
    this.registry.register(new TwilioChannelAdapter({ kind: 'twilio_whatsapp', policy }));
  }
}
