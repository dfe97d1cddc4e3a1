import { type DynamicModule, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ApiChannelModule } from '@switchboard/channel-api';
import { WebChatModule } from '@switchboard/channel-chat';
import { EmailChannelModule } from '@switchboard/channel-email';
import { MetaChannelModule } from '@switchboard/channel-meta';
import { TwilioChannelModule } from '@switchboard/channel-sms';
import { TelegramChannelModule } from '@switchboard/channel-telegram';
import { AdminModule } from './admin/admin.module.js';
import { AuthGuard } from './auth/auth.guard.js';
import { AuthModule } from './auth/auth.module.js';
import { CannedRepliesModule } from './canned-replies/canned-replies.module.js';
import { ChannelAccountsModule } from './channel-accounts/channel-accounts.module.js';
import { ChannelPortsModule } from './channel-ports/channel-ports.module.js';
import type { AppConfig } from './config/app-config.js';
import { ContactsModule } from './contacts/contacts.module.js';
import { CustomFieldsModule } from './custom-fields/custom-fields.module.js';
import { ConversationStartModule } from './conversation-start/conversation-start.module.js';
import { DatabaseModule } from './database/database.module.js';
import { MIGRATIONS } from './database/migrations/index.js';
import { DirectoryModule } from './directory/directory.module.js';
import { EmailSupportModule } from './email-support/email-support.module.js';
import { EventsModule } from './events/events.module.js';
import { HealthModule } from './health/health.module.js';
import { HelpCenterModule } from './help-center/help-center.module.js';
import { KbModule } from './kb/kb.module.js';
import { IngestModule } from './ingest/ingest.module.js';
import { OutboundModule } from './outbound/outbound.module.js';
import { MacrosModule } from './macros/macros.module.js';
import { NotificationsModule } from './notifications/notifications.module.js';
import { ObservabilityModule } from './observability/observability.module.js';
import { migrateUnderLock } from './observability/migration-lock.js';
import { PeopleModule } from './people/people.module.js';
import { QueuesModule } from './queues/queues.module.js';
import { RealtimeModule } from './realtime/realtime.module.js';
import { RoutingModule } from './routing/routing.module.js';
import { RulesModule } from './rules/rules.module.js';
import { SearchModule } from './search/search.module.js';
import { SeedModule } from './seed/seed.module.js';
import { SettingsModule } from './settings/settings.module.js';
import { SlaReportsModule } from './sla/sla-reports.module.js';
import { SlaModule } from './sla/sla.module.js';
import { SurveysModule } from './surveys/surveys.module.js';
import { BlocklistModule } from './blocklist/blocklist.module.js';
import { TicketMergeModule } from './ticket-merge/ticket-merge.module.js';
import { ReportsModule } from './reports/reports.module.js';
import { ReviewsModule } from './reviews/reviews.module.js';
import { TicketsModule } from './tickets/tickets.module.js';
import { WorkersModule } from './workers/workers.module.js';
import { AuditModule } from './audit/audit.module.js';
import { TwoFactorModule } from './two-factor/two-factor.module.js';
import { ApiTokensModule } from './api-tokens/api-tokens.module.js';
import { SharedBudgetModule } from './common/shared-budget.module.js';
import { WebhooksModule } from './webhooks/webhooks.module.js';
import { SsoModule } from './sso/sso.module.js';
import { BotsModule } from './bots/bots.module.js';
import { AssistModule } from './assist/assist.module.js';
import { PersonalDataModule } from './personal-data/personal-data.module.js';

@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        TypeOrmModule.forRootAsync({
          useFactory: () => ({
            type: 'postgres' as const,
            url: config.databaseUrl!,
            migrations: MIGRATIONS,
            synchronize: false,
            entities: [],
            // A request waits at most 5 s for a connection, then answers 503, instead of hanging on a dead server.
            // No JIT: these are short queries, and one whose estimate is large at a million tickets (a
            // search that loops over weeks) would spend a second compiling before its 10 ms of work.
            extra: { max: 20, connectionTimeoutMillis: 5_000, options: '-c jit=off' },
            logging: false,
          }),
          // Migrations run under an advisory lock: nodes starting together on an empty database migrate once.
          dataSourceFactory: migrateUnderLock,
        }),
        DatabaseModule.forRoot(config),
        // Features.
        AdminModule,
        AuthModule,
        CannedRepliesModule,
        ChannelAccountsModule,
        ContactsModule,
        CustomFieldsModule,
        ConversationStartModule,
        DirectoryModule,
        EventsModule,
        HealthModule,
        IngestModule,
        MacrosModule,
        NotificationsModule,
        ObservabilityModule,
        OutboundModule,
        PeopleModule,
        QueuesModule,
        RealtimeModule,
        RoutingModule,
        RulesModule,
        SeedModule,
        SettingsModule,
        SlaModule,
        SlaReportsModule,
        TicketsModule,
        TicketMergeModule,
        ReportsModule,
        ReviewsModule,
        WorkersModule,
        KbModule,
        HelpCenterModule,
        SurveysModule,
        BlocklistModule,
        AuditModule,
        TwoFactorModule,
        SharedBudgetModule,
        ApiTokensModule,
        WebhooksModule,
        SsoModule,
        BotsModule,
        AssistModule,
        PersonalDataModule,
        SearchModule,
        // What the channel libs need from the core, then the channels themselves.
        ChannelPortsModule,
        EmailSupportModule,
        ApiChannelModule,
        TwilioChannelModule,
        MetaChannelModule,
        TelegramChannelModule,
        // Global for its one export, WIDGET_BRIDGE, which the agents' gateway (RealtimeModule) takes:
        // the module is configured at runtime, so a static feature module cannot import it by class.
        { ...WebChatModule.forRoot({ dataDir: config.dataDir }), global: true },
        EmailChannelModule,
      ],
      // Every route needs a session unless it is marked public.
      providers: [{ provide: APP_GUARD, useClass: AuthGuard }],
    };
  }
}
