import type { Role } from '@switchboard/contracts';

export const ROLE_LABELS: Record<Role, string> = { agent: 'Agent', supervisor: 'Supervisor', admin: 'Admin' };

/** A labelled role picker, for adding a person and for changing one. */
export function RoleSelect({ id, value, onChange }: { id: string; value: Role; onChange(next: Role): void }) {
  return (
    <>
      <label htmlFor={id}>Role</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value as Role)}>
        {Object.entries(ROLE_LABELS).map(([role, label]) => (
          <option key={role} value={role}>
            {label}
          </option>
        ))}
      </select>
    </>
  );
}
