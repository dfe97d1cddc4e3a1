import { Injectable } from '@nestjs/common';
import type {
  ChannelAccountRef,
  ChannelAdapter,
  OutboundMessage,
  SendResult,
} from '@switchboard/channel-kit';
import { Db } from '../common/db.js';

/**
 * Sends the replies of demo channel accounts nowhere but into `demo_deliveries`, whatever
 * their kind: a demo email, SMS, chat or API channel can never reach a provider, and a
 * newcomer's first reply is delivered at once. The recorder answers the message id once, so a
 * resend after a crash is recorded once.
 */
@Injectable()
export class DemoTransport implements ChannelAdapter {
  readonly kind = 'demo';
  readonly sendsAttachments = true;

  constructor(private readonly db: Db) {}

  async send(account: ChannelAccountRef, message: OutboundMessage): Promise<SendResult> {
    await this.db.query(
      `INSERT INTO demo_deliveries (message_id, channel_account_id, channel_kind, to_address, text)
       VALUES ($1, $2, $3, $4, $5) ON CONFLICT (message_id) DO NOTHING`,
      [message.messageId, account.id, account.kind, message.to.address, message.text],
    );
    return { state: 'delivered' };
  }
}
