import { type DynamicModule, Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CHANNEL_ACCOUNT_DIRECTORY, CHANNEL_ADAPTER_REGISTRY, INGEST_PORT } from '@switchboard/channel-kit';
import { ApiChannelModule } from '@switchboard/channel-api';
import { WebChatModule } from '@switchboard/channel-chat';
import { EmailChannelModule } from '@switchboard/channel-email';
import { MetaChannelModule } from '@switchboard/channel-meta';
import { TwilioChannelModule } from '@switchboard/channel-sms';
import { TelegramChannelModule } from '@switchboard/channel-telegram';
import { AdminController } from './admin/admin.controller.js';
import { AuthController } from './auth/auth.controller.js';
import { AuthGuard } from './auth/auth.guard.js';
import { AuthService } from './auth/auth.service.js';
import { AccessChanges } from './auth/access-changes.js';
import { SessionRevocations } from './auth/session-revocations.js';
import { ChannelAccountsService } from './channel-accounts/channel-accounts.service.js';
import { ChannelPortsModule } from './channel-ports/channel-ports.module.js';
import { SecretBox } from './channel-accounts/secret-box.js';
import { Db } from './common/db.js';
import { APP_CONFIG, type AppConfig } from './config/app-config.js';
import { ContactMergeService } from './contacts/contact-merge.service.js';
import { ContactsController } from './contacts/contacts.controller.js';
import { MIGRATIONS } from './database/migrations/index.js';
import { DirectoryController } from './directory/directory.controller.js';
import { PeopleController } from './people/people.controller.js';
import { PeopleService } from './people/people.service.js';
import { EmailSupportModule } from './email-support/email-support.module.js';
import { TicketEventBus } from './events/ticket-event-bus.js';
import { HealthController } from './health/health.controller.js';
import { IngestService } from './ingest/ingest.service.js';
import { InMemoryChannelAdapterRegistry } from './outbound/channel-adapter-registry.js';
import { OutboundDispatcher } from './outbound/outbound-dispatcher.service.js';
import { OutboundWakeup } from './outbound/outbound-wakeup.js';
import { AgentsGateway } from './realtime/agents.gateway.js';
import { DemoSeed } from './seed/demo-seed.js';
import { HoldExpiryService } from './tickets/hold-expiry.service.js';
import { TicketCommands } from './tickets/ticket-commands.service.js';
import { TicketQueries } from './tickets/ticket-queries.js';
import { TicketAttachmentsController } from './tickets/ticket-attachments.controller.js';
import { TicketAttachments } from './tickets/ticket-attachments.service.js';
import { TicketsController } from './tickets/tickets.controller.js';
import { TicketWriter } from './tickets/ticket-writer.js';
import { BackgroundWorkers } from './workers/background-workers.service.js';
import { CannedRepliesAdminController, CannedRepliesController } from './canned-replies/canned-replies.controller.js'; // console extras (#3)
import { QueueCountsController } from './queues/queue-counts.controller.js';
import { HoldTemplateController } from './settings/hold-template.controller.js';
import { RetryDelivery, RetryDeliveryController } from './tickets/retry-delivery.js';
import { SlaAdminController } from './sla/sla-admin.controller.js'; // SLA engine (#5)
import { SlaClockService } from './sla/sla-clock.service.js';
import { SlaReportsController } from './sla/sla-reports.controller.js';
import { SlaReports } from './sla/sla-reports.service.js';
import { SlaSweeper } from './sla/sla-sweeper.service.js';

/** The core every channel module plugs into: ingest, accounts and the adapter registry. */
@Global()
@Module({})
class CoreModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: CoreModule,
      providers: [
        { provide: APP_CONFIG, useValue: config },
        { provide: SecretBox, useValue: new SecretBox(config.secretsKey!) },
        Db,
        ChannelAccountsService,
        TicketEventBus,
        SlaClockService,
        IngestService,
        OutboundWakeup,
        TicketWriter,
        SessionRevocations,
        AccessChanges,
        AuthService,
        { provide: INGEST_PORT, useExisting: IngestService },
        { provide: CHANNEL_ACCOUNT_DIRECTORY, useExisting: ChannelAccountsService },
        { provide: CHANNEL_ADAPTER_REGISTRY, useClass: InMemoryChannelAdapterRegistry },
      ],
      exports: [APP_CONFIG, Db, ChannelAccountsService, TicketEventBus, SlaClockService, IngestService, OutboundWakeup, TicketWriter, SessionRevocations, AccessChanges, AuthService, INGEST_PORT, CHANNEL_ACCOUNT_DIRECTORY, CHANNEL_ADAPTER_REGISTRY],
    };
  }
}

@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        TypeOrmModule.forRoot({
          type: 'postgres',
          url: config.databaseUrl!,
          migrations: MIGRATIONS,
          migrationsRun: true,
          synchronize: false,
          entities: [],
          // A request waits at most 5 s for a connection, then answers 503, instead of hanging on a dead server.
          extra: { max: 20, connectionTimeoutMillis: 5_000 },
          logging: false,
        }),
        CoreModule.forRoot(config),
        ApiChannelModule,
        ChannelPortsModule,
        TwilioChannelModule,
        MetaChannelModule,
        TelegramChannelModule,
        WebChatModule.forRoot({ dataDir: config.dataDir }),
        EmailSupportModule,
        EmailChannelModule,
      ],
      controllers: [HealthController, AuthController, TicketsController, TicketAttachmentsController, ContactsController, DirectoryController, AdminController, PeopleController, SlaAdminController, SlaReportsController, CannedRepliesController, CannedRepliesAdminController, HoldTemplateController, QueueCountsController, RetryDeliveryController],
      providers: [
        { provide: APP_GUARD, useClass: AuthGuard },
        TicketQueries,
        TicketCommands,
        PeopleService,
        TicketAttachments,
        RetryDelivery,
        ContactMergeService,
        HoldExpiryService,
        OutboundDispatcher,
        AgentsGateway,
        BackgroundWorkers,
        SlaSweeper,
        SlaReports,
        DemoSeed,
      ],
    };
  }
}
