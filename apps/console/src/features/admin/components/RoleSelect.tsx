import type { Role } from '@switchboard/contracts';
import { Select } from '../../../components/Select';
import { useTranslation } from '../../../i18n';

const ROLES: Role[] = ['agent', 'supervisor', 'admin'];

/** A labelled role picker, for adding a person and for changing one. */
export function RoleSelect({ id, value, onChange }: { id: string; value: Role; onChange(next: Role): void }) {
  const { t } = useTranslation();
  return (
    <Select
      id={id}
      label={t('adminScreens.people.role')}
      value={value}
      onChange={(e) => onChange(e.target.value as Role)}
      options={ROLES.map((role) => ({ value: role, label: t(`adminScreens.roles.${role}`) }))}
    />
  );
}
