import { i18n, useTranslation } from '../../../i18n';
import { useId, useMemo, useState } from 'react';
import type { ChannelTemplateView, ContactIdentityView, ReplyTemplateInput } from '@switchboard/contracts';
import { channelName } from '../../tickets/components/ChannelIcon';
import { Input } from '../../../components/Input';
import { Select } from '../../../components/Select';

/** What the composer knows about where a reply can go (the ticket detail). */
export interface ReplyRoutingTicket {
  contact: { identities?: ContactIdentityView[] };
  reply?: { defaultIdentityId: string | null };
}

/** Channel account kinds as agents name them. */
const accountLabel = (kind: string) => channelName(kind);

export function templatePreview(template: ChannelTemplateView, values: Record<string, string>): string {
  const filled = template.variables.map((key) => `${key}: ${values[key]?.trim() ?? ''}`);
  // The stored timeline text of the reply, the same for every agent: not the viewer's language.
  // eslint-disable-next-line i18next/no-literal-string
  return `WhatsApp template "${template.name}"${filled.length ? ` (${filled.join(', ')})` : ''}`;
}

/**
 * The reply's target identity and optional approved template. `extras` is what the post adds to
 * `{ kind, body }`: nothing unless the agent chose another identity or a template.
 */
export function useReplyRouting(ticket: ReplyRoutingTicket) {
  const reachable = useMemo(
    () => (ticket.contact.identities ?? []).filter((i) => i.canReply),
    [ticket.contact.identities],
  );
  const defaultId = ticket.reply?.defaultIdentityId ?? null;
  const initial = reachable.find((i) => i.id === defaultId)?.id ?? reachable[0]?.id ?? null;
  const [chosenId, setChosenId] = useState<string | null>(null);
  const [templateSid, setTemplateSid] = useState<string>('');
  const [values, setValues] = useState<Record<string, string>>({});

  const identityId = chosenId && reachable.some((i) => i.id === chosenId) ? chosenId : initial;
  const identity = reachable.find((i) => i.id === identityId) ?? null;
  const templates =
    identity?.replyAccount?.kind === 'twilio_whatsapp' ? (identity.replyAccount.templates ?? []) : [];
  const template = templates.find((t) => t.contentSid === templateSid) ?? null;

  return {
    reachable,
    identity,
    identityId,
    /** Shown only when the contact can be reached in more than one way. */
    canChoose: reachable.length > 1,
    templates,
    template,
    values,
    chooseIdentity(id: string) {
      setChosenId(id);
      setTemplateSid('');
      setValues({});
    },
    chooseTemplate(contentSid: string) {
      setTemplateSid(contentSid);
      setValues({});
    },
    setValue(key: string, value: string) {
      setValues((v) => ({ ...v, [key]: value }));
    },
    /** Why the reply cannot go yet, or null. */
    problem(): string | null {
      const missing = template?.variables.filter((k) => !values[k]?.trim()) ?? [];
      return missing.length
        ? i18n.t('composer.routing.fillIn', { count: missing.length, keys: missing.join(', ') })
        : null;
    },
    /** The timeline text of a template reply (the customer gets the approved template). */
    body(): string | null {
      return template ? templatePreview(template, values) : null;
    },
    extras(): { identityId?: string; template?: ReplyTemplateInput } {
      const out: { identityId?: string; template?: ReplyTemplateInput } = {};
      if (identityId && reachable.length > 1 && identityId !== defaultId) out.identityId = identityId;
      if (template) {
        out.template = { contentSid: template.contentSid };
        if (template.variables.length)
          out.template.variables = Object.fromEntries(
            template.variables.map((k) => [k, values[k]?.trim() ?? '']),
          );
      }
      return out;
    },
    reset() {
      setTemplateSid('');
      setValues({});
    },
  };
}

export type ReplyRoutingState = ReturnType<typeof useReplyRouting>;

/** The "send to" select and, on WhatsApp, the approved-template picker with its values. */
export function ReplyRouting({ routing }: { routing: ReplyRoutingState }) {
  const id = useId();
  const { t } = useTranslation();
  const { identity, template } = routing;
  const account = identity?.replyAccount ?? null;
  const windowClosed = account?.kind === 'twilio_whatsapp' && !account.freeFormUntil;
  if (!routing.canChoose && routing.templates.length === 0 && !windowClosed) return null;
  return (
    <div className="reply-routing">
      {routing.canChoose && (
        <Select
          label={t('composer.routing.sendTo')}
          value={routing.identityId ?? ''}
          onChange={(e) => routing.chooseIdentity(e.target.value)}
        >
          {routing.reachable.map((i) => (
            <option key={i.id} value={i.id}>
              {t(i.optedOut ? 'composer.routing.addressByUnsubscribed' : 'composer.routing.addressBy', {
                address: i.address,
                channel: accountLabel(i.replyAccount?.kind ?? i.kind),
              })}
            </option>
          ))}
        </Select>
      )}
      {windowClosed && (
        <p className="muted" role="note">
          {t('composer.routing.windowClosed')}{' '}
          {routing.templates.length
            ? t('composer.routing.chooseTemplate')
            : t('composer.routing.noTemplates')}
        </p>
      )}
      {routing.templates.length > 0 && (
        <Select
          label={t('composer.routing.template')}
          aria-label={t('composer.routing.approvedTemplate')}
          value={template?.contentSid ?? ''}
          onChange={(e) => routing.chooseTemplate(e.target.value)}
        >
          <option value="">{t('composer.routing.freeForm')}</option>
          {routing.templates.map((tpl) => (
            <option key={tpl.contentSid} value={tpl.contentSid}>
              {tpl.name}
            </option>
          ))}
        </Select>
      )}
      {template?.variables.map((key) => (
        <Input
          key={key}
          label={t('composer.routing.valueFor', { key: `{{${key}}}` })}
          id={`${id}-var-${key}`}
          value={routing.values[key] ?? ''}
          onChange={(e) => routing.setValue(key, e.target.value)}
          maxLength={1024}
        />
      ))}
    </div>
  );
}
