import { InitialSchema1764000000000 } from './1764000000000-initial-schema.js';
import { MessagingChannels1764000100000 } from './1764000100000-messaging-channels.js';
import { EmailChannel1764000200000 } from './1764000200000-email-channel.js';
import { SlaEngine1764000300000 } from './1764000300000-sla-engine.js';
import { WebChat1764000400000 } from './1764000400000-web-chat.js';
import { ConsoleExtras1764000500000 } from './1764000500000-console-extras.js';
import { SlaSweep1764000600000 } from './1764000600000-sla-sweep.js';
import { ReplyRouting1764000700000 } from './1764000700000-reply-routing.js';
import { OutboundAttachments1764000800000 } from './1764000800000-outbound-attachments.js';
import { RejectedWebhookCounts1764000950000 } from './1764000950000-rejected-webhook-counts.js';
import { PeopleSessionEndReason1764001100000 } from './1764001100000-people-session-end-reason.js';
import { PolishDemoChannels1764001212000 } from './1764001212000-polish-demo-channels.js';
import { PolishNormaliseTags1764001213000 } from './1764001213000-polish-normalise-tags.js';
import { LayoutSavedViews1764001230000 } from './1764001230000-layout-saved-views.js';
import { RoutingAvailabilityCapacity1764001313000 } from './1764001313000-routing-availability-capacity.js';
import { RulesAutomation1764001400000 } from './1764001400000-rules-automation.js';
import { NotifyNotifications1764001500000 } from './1764001500000-notify-notifications.js';
import { NotifyEmail1764001510000 } from './1764001510000-notify-email.js';
import { NotifyMacros1764001520000 } from './1764001520000-notify-macros.js';
import { ContactLanguageTimeZone1764002100000 } from './1764002100000-contact-language-time-zone.js';
import { RulesEngineFacts1764002300000 } from './1764002300000-rules-engine-facts.js';
import { ThreadingContinuity1764002400000 } from './1764002400000-threading-continuity.js';
import { TicketMerge1764002500000 } from './1764002500000-ticket-merge.js';
import { CustomFields1764002600000 } from './1764002600000-custom-fields.js';
import { ConversationStart1764002700000 } from './1764002700000-conversation-start.js';
import { ContactWorkspace1764002800000 } from './1764002800000-contact-workspace.js';
import { MergeUndoHold1764002900000 } from './1764002900000-merge-undo-hold.js';
import { DraftUploads1764002910000 } from './1764002910000-draft-uploads.js';
import { DismissedMergeSuggestions1764002920000 } from './1764002920000-dismissed-merge-suggestions.js';
import { OperationsShared1764003200000 } from './1764003200000-operations-shared.js';
import { NodesAgree1764004340000 } from './1764004340000-nodes-agree.js';
import { KnowledgeBase1764003400000 } from './1764003400000-knowledge-base.js';
import { SatisfactionReviews1764003100000 } from './1764003100000-satisfaction-reviews.js';
import { Surveys1764003000000 } from './1764003000000-surveys.js';
import { IdentityAudit1764003300000 } from './1764003300000-identity-audit.js';
import { EventWebhooks1764003500000 } from './1764003500000-event-webhooks.js';
import { PersonalData1764003600000 } from './1764003600000-personal-data.js';
import { BlocklistSpam1764003700000 } from './1764003700000-blocklist-spam.js';
import { SsoOidc1764003800000 } from './1764003800000-sso-oidc.js';
import { Bots1764004000000 } from './1764004000000-bots.js';
import { AiAssist1764004100000 } from './1764004100000-ai-assist.js';
import { ReportIndexes1764004200000 } from './1764004200000-report-indexes.js';
import { SatisfactionRollup1764004210000 } from './1764004210000-satisfaction-rollup.js';
import { AiBot1764004300000 } from './1764004300000-ai-bot.js';
import { ChannelAccountNotify1764004350000 } from './1764004350000-channel-account-notify.js';
import { QueuesAtScale1764004360000 } from './1764004360000-queues-at-scale.js';
import { QueueStatusDue1764004361000 } from './1764004361000-queue-status-due.js';
import { SearchNewestWeeks1764004400000 } from './1764004400000-search-newest-weeks.js';
import { OpenChannelPriority1764004410000 } from './1764004410000-open-channel-priority.js';
import { MessagesByIdentity1764004420000 } from './1764004420000-messages-by-identity.js';
import { StoredResponseDurations1764004320000 } from './1764004320000-stored-response-durations.js';
import { FullTextSearch1764003900000 } from './1764003900000-full-text-search.js';

/** Migrations as classes, not globs: the API is an ES module and globs would load .ts in dev. */
export const MIGRATIONS = [
  InitialSchema1764000000000,
  MessagingChannels1764000100000,
  EmailChannel1764000200000,
  SlaEngine1764000300000,
  WebChat1764000400000,
  ConsoleExtras1764000500000,
  SlaSweep1764000600000,
  ReplyRouting1764000700000,
  OutboundAttachments1764000800000,
  RejectedWebhookCounts1764000950000,
  PeopleSessionEndReason1764001100000,
  PolishDemoChannels1764001212000,
  PolishNormaliseTags1764001213000,
  LayoutSavedViews1764001230000,
  RoutingAvailabilityCapacity1764001313000,
  RulesAutomation1764001400000,
  NotifyNotifications1764001500000,
  NotifyEmail1764001510000,
  NotifyMacros1764001520000,
  ContactLanguageTimeZone1764002100000,
  RulesEngineFacts1764002300000,
  ThreadingContinuity1764002400000,
  TicketMerge1764002500000,
  CustomFields1764002600000,
  ConversationStart1764002700000,
  ContactWorkspace1764002800000,
  MergeUndoHold1764002900000,
  DraftUploads1764002910000,
  DismissedMergeSuggestions1764002920000,
  OperationsShared1764003200000,
  KnowledgeBase1764003400000,
  SatisfactionReviews1764003100000,
  Surveys1764003000000,
  IdentityAudit1764003300000,
  EventWebhooks1764003500000,
  PersonalData1764003600000,
  BlocklistSpam1764003700000,
  SsoOidc1764003800000,
  Bots1764004000000,
  AiAssist1764004100000,
  ReportIndexes1764004200000,
  SatisfactionRollup1764004210000,
  AiBot1764004300000,
  FullTextSearch1764003900000,
  StoredResponseDurations1764004320000,
  NodesAgree1764004340000,
  ChannelAccountNotify1764004350000,
  QueuesAtScale1764004360000,
  QueueStatusDue1764004361000,
  SearchNewestWeeks1764004400000,
  OpenChannelPriority1764004410000,
  MessagesByIdentity1764004420000,
];
