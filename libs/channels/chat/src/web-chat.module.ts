import { type DynamicModule, Inject, Module, type OnModuleInit } from '@nestjs/common';
import {
  CHANNEL_ACCOUNT_DIRECTORY,
  CHANNEL_ADAPTER_REGISTRY,
  WEB_CHAT_STORE,
  type ChannelAccountDirectory,
  type ChannelAdapterRegistry,
  type WebChatStore,
} from '@switchboard/channel-kit';
import { WebChatAdapter } from './web-chat.adapter.js';
import { WEB_CHAT_OPTIONS, WIDGET_BRIDGE, type WebChatOptions } from './widget-bridge.js';
import { WidgetController } from './widget.controller.js';
import { WidgetGateway } from './widget.gateway.js';

/**
 * The web chat channel: the `/widget` socket namespace, the widget's HTTP routes and the
 * `web_chat` adapter. Needs the kit's ports (ingest, accounts, adapter registry, attachment
 * store, web chat store) from the app; offers WIDGET_BRIDGE to the agents' gateway.
 */
@Module({})
export class WebChatModule implements OnModuleInit {
  constructor(
    @Inject(CHANNEL_ADAPTER_REGISTRY) private readonly registry: ChannelAdapterRegistry,
    @Inject(CHANNEL_ACCOUNT_DIRECTORY) private readonly accounts: ChannelAccountDirectory,
    private readonly gateway: WidgetGateway,
    @Inject(WEB_CHAT_STORE) private readonly store: WebChatStore,
  ) {}

  static forRoot(options: WebChatOptions): DynamicModule {
    return {
      module: WebChatModule,
      controllers: [WidgetController],
      providers: [
        { provide: WEB_CHAT_OPTIONS, useValue: options },
        WidgetGateway,
        { provide: WIDGET_BRIDGE, useExisting: WidgetGateway },
      ],
      exports: [WIDGET_BRIDGE],
    };
  }

  onModuleInit(): void {
    this.registry.register(new WebChatAdapter(this.gateway, this.store, this.accounts, this.registry));
  }
}
