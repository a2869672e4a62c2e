import { useState, type FormEvent } from 'react';
import { Button, Group, NativeSelect, PasswordInput, Stack, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { AGENCY_TYPES, DEFAULT_AGENCY, ROLES, type AgencyType, type Role } from '@qorgau/core';
import { ErrorAlert } from '../components/error-alert.tsx';
import { useFocusFirstError } from '../components/use-focus-first-error.ts';
import { fieldErrors } from '../i18n/errors.ts';
import { useLabels } from '../labels.ts';
import { TerritoryFields, type TerritoryValue } from '../reference/territory-fields.tsx';
import { territoryLevel } from '../reference/territory.tsx';
import type { User } from '../types.ts';
import { UserUnitFields, type UserUnitValue } from '../units/user-unit-fields.tsx';
import { useCreateUser, useUpdateUser, type NewUser, type UserChanges } from './api.ts';

interface Values {
  username: string;
  password: string;
  fullName: string;
  role: Role | '';
  agencyType: AgencyType | '';
  territory: TerritoryValue;
  unit: UserUnitValue;
  email: string;
}

const FIELDS = ['username', 'password', 'fullName', 'role', 'agencyType', 'regionCode', 'districtCode', 'schoolId', 'unitId', 'isUnitHead', 'email'] as const;
type Field = (typeof FIELDS)[number];

function initialValues(user: User | null): Values {
  if (!user) {
    return {
      username: '', password: '', fullName: '', role: '', agencyType: '',
      territory: { level: 'region', regionCode: '', districtCode: '', schoolId: '' },
      unit: { unitId: '', isUnitHead: false }, email: '',
    };
  }
  return {
    username: user.username,
    password: '',
    fullName: user.fullName,
    role: user.role,
    agencyType: user.agencyType ?? '',
    territory: {
      level: territoryLevel(user),
      regionCode: user.regionCode ?? '',
      districtCode: user.districtCode ?? '',
      schoolId: user.schoolId ?? '',
    },
    unit: { unitId: user.unitId ?? '', isUnitHead: user.isUnitHead ?? false },
    email: user.email ?? '',
  };
}

/** The territory as the API wants it: unused levels are null. */
function territoryOut(v: TerritoryValue) {
  return {
    regionCode: v.level === 'national' ? null : v.regionCode,
    districtCode: v.level === 'district' || v.level === 'school' ? v.districtCode : null,
    schoolId: v.level === 'school' ? v.schoolId : null,
  };
}

interface Props {
  /** null: create a new account */
  user: User | null;
  onDone: (user: User) => void;
  onCancel: () => void;
}

export function UserForm({ user, onDone, onCancel }: Props) {
  const { t } = useTranslation();
  const labels = useLabels();
  const [values, setValues] = useState<Values>(() => initialValues(user));
  const [agencyTouched, setAgencyTouched] = useState(user !== null);
  const [localErrors, setLocalErrors] = useState<Partial<Record<Field, string>>>({});
  const create = useCreateUser();
  const update = useUpdateUser();
  const mutation = user ? update : create;
  const focus = useFocusFirstError<HTMLFormElement>();
  const serverErrors = fieldErrors(mutation.error);
  const errorOf = (field: Field) => localErrors[field] ?? serverErrors[field];

  const set = <K extends keyof Values>(key: K, value: Values[K]) => {
    setValues((v) => ({ ...v, [key]: value }));
    setLocalErrors((e) => ({ ...e, [key]: undefined }));
  };

  const validate = (): boolean => {
    const e: Partial<Record<Field, string>> = {};
    const required = t('validation.required');
    if (!user && !values.username.trim()) e.username = required;
    if (!user && !values.password) e.password = required;
    if (!values.fullName.trim()) e.fullName = required;
    if (!values.role) e.role = required;
    const tv = values.territory;
    if (tv.level !== 'national' && !tv.regionCode) e.regionCode = required;
    if ((tv.level === 'district' || tv.level === 'school') && !tv.districtCode) e.districtCode = required;
    if (tv.level === 'school' && !tv.schoolId) e.schoolId = required;
    setLocalErrors(e);
    return Object.keys(e).length === 0;
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (mutation.isPending) return;
    if (!validate() || !values.role) return focus.reportFailure();
    const territory = territoryOut(values.territory);
    const agencyType = values.agencyType || null;
    const unit = {
      unitId: values.unit.unitId || null,
      isUnitHead: values.unit.unitId ? values.unit.isUnitHead : false,
      email: values.email.trim() || null,
    };
    if (user) {
      const changes: UserChanges = { fullName: values.fullName.trim(), role: values.role, agencyType, ...territory, ...unit };
      update.mutate({ id: user.id, changes }, { onSuccess: onDone, onError: focus.reportFailure });
    } else {
      const body: NewUser = {
        username: values.username.trim(),
        password: values.password,
        fullName: values.fullName.trim(),
        role: values.role,
        agencyType,
        regionCode: territory.regionCode,
        ...(territory.districtCode ? { districtCode: territory.districtCode } : {}),
        ...(territory.schoolId ? { schoolId: territory.schoolId } : {}),
        ...unit,
      };
      create.mutate(body, { onSuccess: onDone, onError: focus.reportFailure });
    }
  };

  const roleOptions = [
    { value: '', label: t('common.choose') },
    ...ROLES.map((r) => ({ value: r, label: labels.role(r) })),
  ];
  const agencyOptions = [
    { value: '', label: t('agency.none') },
    ...AGENCY_TYPES.map((a) => ({ value: a, label: labels.agency(a) })),
  ];

  return (
    <form ref={focus.ref} onSubmit={submit} noValidate data-testid="user-form">
      <Stack gap="sm">
        <ErrorAlert error={mutation.error} fields={FIELDS} testId="user-form-error" />
        {!user && (
          <TextInput
            label={t('users.username')}
            description={t('users.usernameHint')}
            required
            autoComplete="off"
            autoCapitalize="none"
            spellCheck={false}
            value={values.username}
            error={errorOf('username')}
            onChange={(e) => set('username', e.currentTarget.value)}
            data-testid="user-form-username"
            data-autofocus
          />
        )}
        <TextInput
          label={t('users.fullName')}
          required
          autoComplete="off"
          value={values.fullName}
          error={errorOf('fullName')}
          onChange={(e) => set('fullName', e.currentTarget.value)}
          data-testid="user-form-fullname"
        />
        {!user && (
          <PasswordInput
            label={t('users.password')}
            description={t('users.passwordHint')}
            required
            autoComplete="new-password"
            value={values.password}
            error={errorOf('password')}
            onChange={(e) => set('password', e.currentTarget.value)}
            data-testid="user-form-password"
          />
        )}
        <NativeSelect
          label={t('users.role')}
          required
          data={roleOptions}
          value={values.role}
          error={errorOf('role')}
          onChange={(e) => {
            const role = e.currentTarget.value as Role | '';
            setValues((v) => ({
              ...v,
              role,
              agencyType: !agencyTouched && role ? (DEFAULT_AGENCY[role] ?? '') : v.agencyType,
              unit: !agencyTouched && role && (DEFAULT_AGENCY[role] ?? '') !== v.agencyType ? { unitId: '', isUnitHead: false } : v.unit,
            }));
            setLocalErrors((er) => ({ ...er, role: undefined }));
          }}
          data-testid="user-form-role"
        />
        <NativeSelect
          label={t('users.agency')}
          data={agencyOptions}
          value={values.agencyType}
          error={errorOf('agencyType')}
          onChange={(e) => {
            setAgencyTouched(true);
            set('agencyType', e.currentTarget.value as AgencyType | '');
            set('unit', { unitId: '', isUnitHead: false });
          }}
          data-testid="user-form-agency"
        />
        <TerritoryFields
          value={values.territory}
          onChange={(territory) => {
            setValues((v) => ({ ...v, territory }));
            setLocalErrors((e) => ({ ...e, regionCode: undefined, districtCode: undefined, schoolId: undefined }));
          }}
          errors={{ regionCode: errorOf('regionCode'), districtCode: errorOf('districtCode'), schoolId: errorOf('schoolId') }}
          testIdPrefix="user-form"
        />
        <UserUnitFields
          agencyType={values.agencyType}
          regionCode={values.territory.level === 'national' ? '' : values.territory.regionCode}
          value={values.unit}
          onChange={(unit) => {
            set('unit', unit);
            setLocalErrors((e) => ({ ...e, unitId: undefined, isUnitHead: undefined }));
          }}
          errors={{ unitId: errorOf('unitId'), isUnitHead: errorOf('isUnitHead') }}
          testIdPrefix="user-form"
        />
        <TextInput
          label={t('users.email')}
          description={t('users.emailHint')}
          type="email"
          autoComplete="off"
          value={values.email}
          error={errorOf('email')}
          onChange={(e) => set('email', e.currentTarget.value)}
          data-testid="user-form-email"
        />
        <Group justify="flex-end" mt="sm">
          <Button variant="default" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={mutation.isPending} data-testid="user-form-submit">
            {user ? t('common.save') : t('users.create')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
