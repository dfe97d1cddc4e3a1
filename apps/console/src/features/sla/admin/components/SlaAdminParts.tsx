import type { ReactNode } from 'react';
import { useTranslation } from '../../../../i18n';
import { Button } from '../../../../components/Button';
import { Input } from '../../../../components/Input';
import { DeleteButton } from './DeleteButton';
import { Checkbox } from '../../../../components/Choice';

// Calendars and policies are listed, edited and saved the same way; these parts keep the two
// sections alike (same scrolling table on a phone, same place for errors and notices).

/** Why loading or saving failed, read out at once; nothing while all is well. */
export function ErrorAlert({ error }: { error: Error | null }) {
  if (!error) return null;
  return (
    <p className="form-error" role="alert">
      {error.message}
    </p>
  );
}

/** A wide table that scrolls sideways inside its own region, reachable by keyboard, on a phone. */
export function SlaAdminTable({
  regionLabel,
  tableLabel,
  children,
}: {
  regionLabel: string;
  tableLabel: string;
  /** The table's head and body. */
  children: ReactNode;
}) {
  return (
    <div className="sla-admin-table-wrap" role="region" aria-label={regionLabel} tabIndex={0}>
      <table className="counts" aria-label={tableLabel}>
        {children}
      </table>
    </div>
  );
}

/** A row's Edit and Delete buttons; `what` names the item in the delete question. */
export function EditDeleteCell({
  name,
  what,
  deletePending,
  deleteError,
  onEdit,
  onDelete,
}: {
  name: string;
  what: string;
  deletePending: boolean;
  deleteError: string | null;
  onEdit(): void;
  onDelete(): void;
}) {
  const { t } = useTranslation();
  return (
    <td className="sla-admin-actions">
      <Button aria-label={t('adminScreens.editNamed', { name })} onClick={onEdit}>
        {t('adminScreens.edit')}
      </Button>{' '}
      <DeleteButton what={what} pending={deletePending} error={deleteError} onConfirm={onDelete} />
    </td>
  );
}

/**
 * The end of a calendar or policy form: why the save failed, what it made, then save and (only
 * while editing an existing one) cancel.
 */
export function SlaFormFooter({
  error,
  notice,
  editing,
  saveLabel,
  saveDisabled,
  onCancel,
}: {
  error: Error | null;
  notice: string | null;
  editing: boolean;
  saveLabel: string;
  saveDisabled: boolean;
  onCancel(): void;
}) {
  const { t } = useTranslation();
  return (
    <>
      <ErrorAlert error={error} />
      {notice && <p role="status">{notice}</p>}
      <div className="actions">
        <Button type="submit" variant="primary" disabled={saveDisabled}>
          {saveLabel}
        </Button>
        {editing && <Button onClick={onCancel}>{t('common.cancel')}</Button>}
      </div>
    </>
  );
}

/** A group of checkboxes, one per choice, that edits a list of the chosen values. */
export function ChoiceGroup<T extends string>({
  label,
  choices,
  chosen,
  choiceLabel,
  onChange,
}: {
  label: string;
  choices: readonly T[];
  chosen: readonly T[];
  choiceLabel(choice: T): string;
  onChange(chosen: T[]): void;
}) {
  return (
    <div className="sla-admin-choices" role="group" aria-label={label}>
      <span aria-hidden="true">{label}</span>
      <div className="sla-admin-choice-list">
        {choices.map((choice) => (
          <Checkbox
            key={choice}
            label={choiceLabel(choice)}
            checked={chosen.includes(choice)}
            onChange={(e) =>
              onChange(
                e.target.checked ? [...new Set([...chosen, choice])] : chosen.filter((v) => v !== choice),
              )
            }
          />
        ))}
      </div>
    </div>
  );
}

/** A target in minutes, fractions allowed; blank means no target. */
export function MinutesInput({
  label,
  value,
  onChange,
}: {
  label: string;
  value: string;
  onChange(value: string): void;
}) {
  return (
    <Input
      label={label}
      type="number"
      min={1}
      step="any"
      value={value}
      onChange={(e) => onChange(e.target.value)}
    />
  );
}
