import { Module } from '@nestjs/common';
import { ChannelAccountsModule } from '../channel-accounts/channel-accounts.module.js';
import { ChannelPortsModule } from '../channel-ports/channel-ports.module.js';
import { NotificationsModule } from '../notifications/notifications.module.js';
import { OutboxConsumersModule } from '../outbox-consumers/outbox-consumers.module.js';
import { SlaModule } from '../sla/sla.module.js';
import { TicketWriterModule } from '../tickets/ticket-writer.module.js';
import { TicketsModule } from '../tickets/tickets.module.js';
import { ConversationRecipients } from './conversation-recipients.js';
import { ConversationStartController } from './conversation-start.controller.js';
import { FollowerNotificationConsumer } from './follower-notification-consumer.js';
import { StartConversation } from './start-conversation.service.js';
import { TicketFollowers } from './ticket-followers.service.js';

/** Agent-started conversations, and followers told of a ticket's changes. */
@Module({
  imports: [
    ChannelAccountsModule,
    ChannelPortsModule,
    NotificationsModule,
    OutboxConsumersModule,
    SlaModule,
    TicketWriterModule,
    TicketsModule,
  ],
  controllers: [ConversationStartController],
  providers: [StartConversation, TicketFollowers, ConversationRecipients, FollowerNotificationConsumer],
})
export class ConversationStartModule {}
