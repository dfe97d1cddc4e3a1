import type { ReactNode } from 'react';
import { Button } from '../../../components/Button';
import { useTranslation } from '../../../i18n';

/**
 * One row of the routing screen (a team's assignment, an agent's capacity): its name, its
 * settings and its own Save, so each row is saved on its own; the group is named for screen readers.
 */
export function RoutingRow({
  name,
  saveLabel,
  busy,
  onSave,
  children,
}: {
  name: string;
  /** Names the Save button with what it saves ("Save Support"). */
  saveLabel: string;
  busy: boolean;
  onSave(): Promise<void>;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <li>
      <div className="routing-row" role="group" aria-label={name}>
        <strong className="routing-name">{name}</strong>
        {children}
        <Button aria-label={saveLabel} disabled={busy} onClick={() => void onSave()}>
          {t('routing.save')}
        </Button>
      </div>
    </li>
  );
}
