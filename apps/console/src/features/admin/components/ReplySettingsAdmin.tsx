import { useReplySettings, useSaveReplySettings } from '../hooks/useReplySettings';
import { useTranslation } from '../../../i18n';
import { Checkbox } from '../../../components/Choice';

/** Workspace-wide reply behaviour; the switch saves at once, so there is no Save button to forget. */
export function ReplySettingsAdmin() {
  const settings = useReplySettings();
  const save = useSaveReplySettings();
  const { t } = useTranslation();
  const assignOnReply = save.isPending
    ? Boolean(save.variables?.assignOnReply)
    : Boolean(settings.data?.assignOnReply);

  return (
    <section className="admin-section" aria-labelledby="reply-settings-heading">
      <h2 id="reply-settings-heading">{t('adminScreens.replying.heading')}</h2>
      <Checkbox
        label={t('adminScreens.replying.assignOnReply')}
        hint={t('adminScreens.replying.assignOnReplyHelp')}
        checked={assignOnReply}
        disabled={!settings.data || save.isPending}
        onChange={(e) => save.mutate({ assignOnReply: e.target.checked })}
      />
      {save.isError && (
        <p role="alert" className="error">
          {save.error.message}
        </p>
      )}
      {save.isSuccess && (
        <p role="status" className="muted">
          {save.data.assignOnReply
            ? t('adminScreens.replying.nowAssigns')
            : t('adminScreens.replying.noLongerAssigns')}
        </p>
      )}
    </section>
  );
}
