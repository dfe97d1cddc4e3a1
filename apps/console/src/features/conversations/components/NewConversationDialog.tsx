import '../conversations.css';
import { useEffect, useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { StartConversationBody } from '@switchboard/contracts';
import { Dialog } from '../../../components/Dialog';
import { useTranslation } from '../../../i18n';
import { queryKeys } from '../../../lib/query-keys';
import {
  fetchStartAccounts,
  searchRecipients,
  startConversation,
  type RecipientOption,
} from '../api/conversations-api';
import { identityKindOf, splitAddresses } from '../lib/recipient-kind';
import { Button } from '../../../components/Button';
import { Input, TextArea } from '../../../components/Input';
import { Select } from '../../../components/Select';
import { AttachmentPicker } from '../../composer/components/AttachmentPicker';
import { useReplyAttachments } from '../../composer/hooks/useReplyAttachments';

interface Props {
  onClose(): void;
  onStarted(ticketId: string): void;
}

/**
 * Starts a conversation: a recipient (a known contact found by name or address, or a new
 * address), the channel account it goes out on, and the first message. Email also takes a
 * subject, copies and files. One Idempotency-Key per dialog, so a double click starts one ticket.
 */
export function NewConversationDialog({ onClose, onStarted }: Props) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const accounts = useQuery({ queryKey: ['conversations', 'accounts'], queryFn: fetchStartAccounts });
  const [accountId, setAccountId] = useState('');
  const [to, setTo] = useState('');
  const [picked, setPicked] = useState<RecipientOption | null>(null);
  const [subject, setSubject] = useState('');
  const [body, setBody] = useState('');
  const [cc, setCc] = useState('');
  const [bcc, setBcc] = useState('');
  const [key] = useState(() => crypto.randomUUID());
  const [options, setOptions] = useState<RecipientOption[]>([]);

  const account = accounts.data?.find((a) => a.id === accountId) ?? accounts.data?.[0];
  const kind = account ? identityKindOf(account.kind) : 'email';
  const email = kind === 'email';
  const attachments = useReplyAttachments({ channelAccountId: account?.id ?? '' });

  useEffect(() => {
    const q = to.trim();
    if (picked || q.length < 2) return setOptions([]);
    const timer = setTimeout(() => {
      searchRecipients(q).then(
        (found) => setOptions(found.filter((o) => o.kind === kind)),
        () => setOptions([]),
      );
    }, 200);
    return () => clearTimeout(timer);
  }, [to, picked, kind]);

  const start = useMutation({
    mutationFn: (input: StartConversationBody) => startConversation(input, key),
    onSuccess: (started) => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.tickets() });
      onStarted(started.ticketId);
    },
  });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!account) return;
    const fileIds = email ? attachments.ids() : [];
    const copies = email
      ? {
          ...(splitAddresses(cc).length ? { cc: splitAddresses(cc) } : {}),
          ...(splitAddresses(bcc).length ? { bcc: splitAddresses(bcc) } : {}),
          ...(fileIds.length ? { attachmentIds: fileIds } : {}),
        }
      : {};
    start.mutate({
      to: picked ? { contactId: picked.contactId } : { kind, address: to.trim() },
      channelAccountId: account.id,
      ...(email && subject.trim() ? { subject: subject.trim() } : {}),
      body,
      ...copies,
    });
  };

  return (
    <Dialog title={t('conversations.newTitle')} onClose={onClose}>
      <form className="new-conversation" onSubmit={submit}>
        <Select
          label={t('conversations.channelAccount')}
          value={account?.id ?? ''}
          onChange={(e) => setAccountId(e.target.value)}
          required
        >
          {(accounts.data ?? []).map((a) => (
            <option key={a.id} value={a.id}>
              {t('conversations.accountOption', {
                channel: t(`channels.${a.kind}`, { defaultValue: a.kind }),
                name: a.name,
              })}
            </option>
          ))}
        </Select>
        {accounts.data?.length === 0 && <p className="form-error">{t('conversations.noAccounts')}</p>}
        <Input
          label={t('conversations.to')}
          value={
            picked
              ? picked.name
                ? t('conversations.recipientOption', { name: picked.name, address: picked.address })
                : picked.address
              : to
          }
          onChange={(e) => {
            setPicked(null);
            setTo(e.target.value);
          }}
          placeholder={t(
            `conversations.toPlaceholder.${email ? 'email' : kind === 'phone' ? 'phone' : 'other'}`,
          )}
          required
          autoComplete="off"
        />
        {options.length > 0 && (
          <ul className="recipient-options" aria-label={t('conversations.suggestions')}>
            {options.map((o) => (
              <li key={`${o.contactId}:${o.address}`}>
                <Button
                  onClick={() => {
                    setPicked(o);
                    setOptions([]);
                  }}
                >
                  {o.name
                    ? t('conversations.recipientOption', { name: o.name, address: o.address })
                    : o.address}
                </Button>
              </li>
            ))}
          </ul>
        )}
        {email && (
          <>
            <Input
              label={t('conversations.cc')}
              value={cc}
              onChange={(e) => setCc(e.target.value)}
              placeholder={t('conversations.copiesHint')}
            />
            <Input
              label={t('conversations.bcc')}
              value={bcc}
              onChange={(e) => setBcc(e.target.value)}
              placeholder={t('conversations.copiesHint')}
            />
            <Input
              label={t('conversations.subject')}
              value={subject}
              onChange={(e) => setSubject(e.target.value)}
              required
              maxLength={200}
            />
          </>
        )}
        <TextArea
          label={t('conversations.message')}
          value={body}
          onChange={(e) => setBody(e.target.value)}
          rows={6}
          required
        />
        {email && account && <AttachmentPicker attachments={attachments} />}
        {start.isError && (
          <p className="form-error" role="alert">
            {start.error.message}
          </p>
        )}
        <div className="actions">
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button
            type="submit"
            variant="primary"
            disabled={start.isPending || !account || attachments.uploading}
          >
            {start.isPending ? t('conversations.sending') : t('conversations.send')}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
