import { Checkbox, NativeSelect, Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { AgencyType } from '@qorgau/core';
import { localName } from '../format.ts';
import { useLocale } from '../i18n/use-locale.ts';
import { useUnits } from './api.ts';

export interface UserUnitValue {
  unitId: string;
  isUnitHead: boolean;
}

interface Props {
  agencyType: AgencyType | '';
  /** the user's region: its units and the national ones are offered ('' = all of the agency's) */
  regionCode: string;
  value: UserUnitValue;
  onChange: (value: UserUnitValue) => void;
  errors: Partial<Record<'unitId' | 'isUnitHead', string>>;
  testIdPrefix: string;
}

/** The unit a user works in (one of their agency's) and whether they head it. */
export function UserUnitFields({ agencyType, regionCode, value, onChange, errors, testIdPrefix }: Props) {
  const { t } = useTranslation();
  const locale = useLocale();
  const units = useUnits({ agencyType, regionCode: regionCode || null }, Boolean(agencyType));
  const options = (units.data ?? [])
    .filter((u) => u.active || u.id === value.unitId)
    .map((u) => ({ value: u.id, label: `${localName(u.name, locale)}${u.active ? '' : ` (${t('units.inactive')})`}` }))
    .sort((a, b) => a.label.localeCompare(b.label, locale));
  // a unit chosen before the lists changed stays visible until it is replaced
  if (value.unitId && !options.some((o) => o.value === value.unitId)) options.unshift({ value: value.unitId, label: t('units.otherUnit') });
  return (
    <Stack gap="sm">
      <NativeSelect
        label={t('units.userUnit')}
        description={agencyType ? t('units.userUnitHint') : t('units.userUnitNeedsAgency')}
        disabled={!agencyType}
        data={[{ value: '', label: units.isFetching ? t('common.loading') : t('units.noUnit') }, ...options]}
        value={value.unitId}
        error={errors.unitId}
        onChange={(e) => {
          const unitId = e.currentTarget.value;
          onChange({ unitId, isUnitHead: unitId ? value.isUnitHead : false });
        }}
        data-testid={`${testIdPrefix}-unit`}
      />
      <Checkbox
        label={t('units.isUnitHead')}
        description={t('units.isUnitHeadHint')}
        disabled={!value.unitId}
        checked={value.isUnitHead}
        error={errors.isUnitHead}
        onChange={(e) => onChange({ ...value, isUnitHead: e.currentTarget.checked })}
        data-testid={`${testIdPrefix}-unit-head`}
      />
    </Stack>
  );
}
