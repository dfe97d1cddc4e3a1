import { Button } from '../../../components/Button';
import { Input } from '../../../components/Input';
import { Select, type SelectOption } from '../../../components/Select';
import { useTranslation } from '../../../i18n';

export interface MappingRow {
  value: string;
  target: string;
}

/** Claim value → role or team, one row each; the admin adds and removes rows. */
export function SsoMappingRows({
  kind,
  rows,
  targets,
  onChange,
}: {
  kind: 'role' | 'team';
  rows: MappingRow[];
  targets: SelectOption[];
  onChange(rows: MappingRow[]): void;
}) {
  const { t } = useTranslation();
  const replace = (index: number, row: MappingRow) => onChange(rows.map((r, i) => (i === index ? row : r)));
  return (
    <div className="sso-mappings">
      {rows.map((row, index) => (
        <div className="sso-mapping-row" key={index}>
          <Input
            label={t('sso.admin.claimValue', { n: index + 1 })}
            value={row.value}
            onChange={(e) => replace(index, { ...row, value: e.target.value })}
          />
          <Select
            label={t(['sso.admin.mapsTo', kind].join('.'), { n: index + 1 })}
            value={row.target}
            options={targets}
            onChange={(e) => replace(index, { ...row, target: e.target.value })}
          />
          <Button onClick={() => onChange(rows.filter((_, i) => i !== index))}>
            {t('sso.admin.removeRow', { n: index + 1 })}
          </Button>
        </div>
      ))}
      <Button
        disabled={targets.length === 0}
        onClick={() => onChange([...rows, { value: '', target: targets[0]?.value ?? '' }])}
      >
        {t(['sso.admin.addRow', kind].join('.'))}
      </Button>
    </div>
  );
}
