import { Module } from '@nestjs/common';
import { OutboxConsumersModule } from '../outbox-consumers/outbox-consumers.module.js';
import { SlaModule } from '../sla/sla.module.js';
import { TicketWriterModule } from '../tickets/ticket-writer.module.js';
import { EventRules } from './event-rules.js';
import { RuleActions } from './rule-actions.js';
import { RuleWebhooks } from './rule-webhooks.js';
import { TimeRules } from './time-rules.js';
import { RulesController } from './rules.controller.js';
import { RulePreview } from './rule-preview.js';
import { RuleStore } from './rule-store.js';
import { NotificationsModule } from '../notifications/notifications.module.js';

/** Admin-managed automation rules: event rules (an outbox consumer) and time rules (a sweeper). */
@Module({
  imports: [NotificationsModule, OutboxConsumersModule, SlaModule, TicketWriterModule],
  controllers: [RulesController],
  providers: [RuleStore, RulePreview, RuleActions, RuleWebhooks, EventRules, TimeRules],
  exports: [RuleStore],
})
export class RulesModule {}
