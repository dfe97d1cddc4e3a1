import { useState, type ReactNode } from 'react';
import { PRIORITIES, type Priority } from '@switchboard/contracts';
import { Button } from '../../../components/Button';
import { useTranslation } from '../../../i18n';
import { parseTags } from '../lib/rule-fields';
import { Input } from '../../../components/Input';
import { Select } from '../../../components/Select';

// A rule's actions and a macro's steps are rows of the same shape (a type, what it needs, a remove
// button) and share their common fields, so both editors look, read aloud and parse tags alike.

/** Names a control of a row for screen readers: "Action 1: tags". */
export function useActionPartName(rowLabel: string) {
  const { t } = useTranslation();
  return (what: string) => t('rules.actionPart', { label: rowLabel, what });
}

interface FrameProps<T extends string> {
  /** "Action 1": names the row's controls for screen readers. */
  label: string;
  type: T;
  types: readonly T[];
  typeName(type: T): string;
  onTypeChange(type: T): void;
  onRemove(): void;
  /** What the chosen type needs. */
  children: ReactNode;
}

/** One action row: the type picker, the type's own fields and a remove button. */
export function ActionRowFrame<T extends string>({
  label,
  type,
  types,
  typeName,
  onTypeChange,
  onRemove,
  children,
}: FrameProps<T>) {
  const { t } = useTranslation();
  const named = useActionPartName(label);
  return (
    <div className="rule-row" role="group" aria-label={label}>
      <Select
        label={named(t('rules.actionType'))}
        hideLabel
        value={type}
        onChange={(e) => onTypeChange(e.target.value as T)}
      >
        {types.map((option) => (
          <option key={option} value={option}>
            {typeName(option)}
          </option>
        ))}
      </Select>
      {children}
      <Button aria-label={t('rules.removeAction', { label })} onClick={onRemove}>
        {t('rules.remove')}
      </Button>
    </div>
  );
}

/**
 * Tags as one comma-separated text. The text is kept as typed (a trailing comma or space stays
 * while typing) and only the parsed list is reported; it starts from `tags` when mounted.
 */
export function TagsField({
  rowLabel,
  tags,
  onChange,
}: {
  rowLabel: string;
  tags: string[];
  onChange(tags: string[]): void;
}) {
  const { t } = useTranslation();
  const named = useActionPartName(rowLabel);
  const [text, setText] = useState(tags.join(', '));
  return (
    <Input
      label={named(t('rules.tags'))}
      hideLabel
      placeholder={t('rules.tagsPlaceholder')}
      value={text}
      onChange={(e) => {
        setText(e.target.value);
        onChange(parseTags(e.target.value));
      }}
    />
  );
}

/** The status an action sets, out of those the caller allows. */
export function StatusField<S extends string>({
  rowLabel,
  status,
  statuses,
  onChange,
}: {
  rowLabel: string;
  status: S;
  statuses: readonly S[];
  onChange(status: S): void;
}) {
  const { t } = useTranslation();
  const named = useActionPartName(rowLabel);
  return (
    <Select
      label={named(t('rules.status'))}
      hideLabel
      value={status}
      onChange={(e) => onChange(e.target.value as S)}
    >
      {statuses.map((s) => (
        <option key={s} value={s}>
          {t(`status.${s}`)}
        </option>
      ))}
    </Select>
  );
}

/** The priority an action sets. */
export function PriorityField({
  rowLabel,
  priority,
  onChange,
}: {
  rowLabel: string;
  priority: Priority;
  onChange(priority: Priority): void;
}) {
  const { t } = useTranslation();
  const named = useActionPartName(rowLabel);
  return (
    <Select
      label={named(t('rules.priority'))}
      hideLabel
      value={priority}
      onChange={(e) => onChange(e.target.value as Priority)}
    >
      {PRIORITIES.map((p) => (
        <option key={p} value={p}>
          {t(`priority.${p}`)}
        </option>
      ))}
    </Select>
  );
}
