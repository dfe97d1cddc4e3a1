import type { CSSProperties } from 'react';
import { widgetLook } from '../lib/widget-look';
import type { FieldValues } from '../lib/channel-config';
import { useTranslation } from '../../../i18n';

/**
 * What visitors will see, redrawn as the admin picks: the chat's header with its title and the
 * round launcher, in the chosen colours and on the chosen side. Drawn with the widget's own
 * colour rules (lib/widget-look.ts), so it cannot drift from the widget.
 */
export function ChannelWidgetPreview({ values }: { values: FieldValues }) {
  const look = widgetLook(values);
  const { t } = useTranslation();
  const colours = { '--widget-main': look.primary, '--widget-text': look.text } as CSSProperties;
  return (
    <figure
      className={`widget-preview widget-preview-${look.position}`}
      style={colours}
      aria-label={t('adminScreens.channels.previewLabel')}
      data-testid="widget-preview"
    >
      <div className="widget-preview-panel">
        <div className="widget-preview-head" data-testid="widget-preview-header">
          <strong>{look.title}</strong>
          <span>{t('adminScreens.channels.previewReplyTime')}</span>
        </div>
        <p className="widget-preview-greeting">{look.greeting}</p>
      </div>
      <span className="widget-preview-launcher" data-testid="widget-preview-launcher" aria-hidden="true">
        <svg viewBox="0 0 24 24" aria-hidden="true" focusable="false">
          <path d="M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H8l-4 4V6a2 2 0 0 1 2-2z" />
        </svg>
      </span>
      <figcaption className="muted">{t('adminScreens.channels.previewCaption')}</figcaption>
    </figure>
  );
}
