import {
  PermanentSendError,
  type ChannelAccountDirectory,
  type ChannelAccountRef,
  type ChannelAdapter,
  type ChannelAdapterRegistry,
  type ChannelSetup,
  type OutboundMessage,
  type SendResult,
  type WebChatStore,
} from '@switchboard/channel-kit';
import { prepareWebChatConfig, readSettings } from './web-chat-settings.js';
import type { WidgetGateway } from './widget.gateway.js';

/**
 * Agent replies on web chat tickets. With the visitor's widget open, the reply goes to the
 * conversation's room on `/widget` and is `sent`. With the widget closed the reply waits in the
 * history for the next visit, unless the visitor left an email address: then it goes by email
 * through the chat account's email channel (`config.emailAccountId`), or fails saying why.
 */
export class WebChatAdapter implements ChannelAdapter, ChannelSetup {
  readonly kind = 'web_chat';

  constructor(
    private readonly gateway: WidgetGateway,
    private readonly store: WebChatStore,
    private readonly accounts: ChannelAccountDirectory,
    private readonly adapters: ChannelAdapterRegistry,
  ) {}

  prepareConfig(config: Record<string, unknown>): Record<string, unknown> {
    return prepareWebChatConfig(config);
  }

  async send(account: ChannelAccountRef, message: OutboundMessage): Promise<SendResult> {
    const view = await this.store.message(message.messageId);
    if (!view) throw new PermanentSendError('the reply no longer exists');
    const reached = await this.gateway.deliverReply(message.ticketId, view);
    if (reached > 0) return { state: 'sent', providerMessageId: `widget:${message.messageId}` };

    const conversation = await this.store.conversationOf(message.ticketId);
    if (!conversation?.visitorEmail)
      return { state: 'sent', providerMessageId: `widget:${message.messageId}` };

    const emailAccountId = readSettings(account.config).emailAccountId;
    if (!emailAccountId) {
      throw new PermanentSendError(
        `the visitor left the chat and asked for replies by email (${conversation.visitorEmail}), but this chat account has no email channel configured (config.emailAccountId)`,
        'no_email_channel',
      );
    }
    const emailAccount = await this.accounts.get(emailAccountId);
    const emailAdapter = this.adapters.get('email');
    if (!emailAccount || emailAccount.kind !== 'email' || !emailAccount.active)
      throw new PermanentSendError(
        `the email channel ${emailAccountId} linked to this chat account does not exist or is inactive`,
        'no_email_channel',
      );
    if (!emailAdapter)
      throw new PermanentSendError('email sending is not available on this server', 'no_email_adapter');
    // The same idempotency key as the chat send: a retry after a crash yields the same Message-ID.
    const sent = await emailAdapter.send(emailAccount, {
      ...message,
      to: {
        kind: 'email',
        address: conversation.visitorEmail,
        name: conversation.visitorName ?? message.to.name,
      },
    });
    return { state: sent.state ?? 'sent', providerMessageId: sent.providerMessageId };
  }
}
