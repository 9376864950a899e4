import { Alert, Checkbox, Radio, Stack, Text, TextInput } from '@mantine/core';
import { DivisionSelect } from '../../components/DivisionSelect';
import { useT } from '../../i18n';
import type { WizardField, WizardValues } from './wizard-values';
import { REQUIRED_LABEL } from '../../components/required-label';
import { PasswordField } from '../../components/PasswordField';

interface StepProps {
  values: WizardValues;
  change(patch: Partial<WizardValues>, touched?: WizardField[]): void;
  errorFor(field: WizardField): string | undefined;
}

/** Step 1: a county office or the city office. */
export function ModeStep({ values, change, errorFor }: StepProps) {
  const { t } = useT();
  return (
    <Radio.Group
      label={t('wizard.mode.label')}
      value={values.mode}
      onChange={(mode) => change({ mode: mode as WizardValues['mode'] }, ['mode', 'divisionCode'])}
      error={errorFor('mode')}
      mt="md"
    >
      <Stack gap="md" mt="sm">
        <Radio value="county" label={t('wizard.mode.county')} description={t('wizard.mode.countyHelp')} />
        <Radio value="city" label={t('wizard.mode.city')} description={t('wizard.mode.cityHelp')} />
      </Stack>
    </Radio.Group>
  );
}

/** Step 2: province → city (→ county): the office's area. */
export function DivisionStep({ values, change, errorFor }: StepProps) {
  const { t } = useT();
  const county = values.mode === 'county';
  return (
    <Stack mt="md">
      <Text size="sm" c="dimmed">
        {county ? t('wizard.division.helpCounty') : t('wizard.division.helpCity')}
      </Text>
      <DivisionSelect
        label={t('wizard.division.province')}
        parent={null}
        required
        value={values.provinceCode}
        onChange={(code, item) =>
          change(
            { provinceCode: code, provinceName: item?.name ?? '', cityCode: null, cityName: '', countyCode: null, countyName: '' },
            ['divisionCode'],
          )
        }
      />
      <DivisionSelect
        label={t('wizard.division.city')}
        parent={values.provinceCode ?? undefined}
        required
        value={values.cityCode}
        onChange={(code, item) => change({ cityCode: code, cityName: item?.name ?? '', countyCode: null, countyName: '' }, ['divisionCode'])}
        error={county ? undefined : errorFor('divisionCode')}
      />
      {county && (
        <DivisionSelect
          label={t('wizard.division.county')}
          parent={values.cityCode ?? undefined}
          required
          value={values.countyCode}
          onChange={(code, item) => change({ countyCode: code, countyName: item?.name ?? '' }, ['divisionCode'])}
          error={errorFor('divisionCode')}
        />
      )}
    </Stack>
  );
}

/** Step 3: the office's name and where its database lives. */
export function OfficeStep({ values, change, errorFor }: StepProps) {
  const { t } = useT();
  return (
    <Stack mt="md">
      <TextInput
        label={t('wizard.office.name')}
        description={t('wizard.office.nameHelp')}
        value={values.officeName}
        onChange={(e) => change({ officeName: e.currentTarget.value, officeNameEdited: true }, ['officeName'])}
        error={errorFor('officeName')}
        maxLength={60}
        labelProps={REQUIRED_LABEL}
      />
      <TextInput
        label={t('wizard.office.databasePath')}
        description={t('wizard.office.databasePathHelp')}
        value={values.databasePath}
        onChange={(e) => change({ databasePath: e.currentTarget.value }, ['databasePath'])}
        error={errorFor('databasePath')}
        spellCheck={false}
        labelProps={REQUIRED_LABEL}
      />
    </Stack>
  );
}

/** Step 4: the first administrator's account. */
export function AdminStep({ values, change, errorFor }: StepProps) {
  const { t } = useT();
  const division = values.mode === 'county' ? values.countyName : values.cityName;
  return (
    <Stack mt="md">
      <Alert variant="light" color="ledger">
        {t('wizard.admin.summary', { office: values.officeName, division: `${values.provinceName}${values.cityName}${values.mode === 'county' ? division : ''}` })}
      </Alert>
      <Text size="sm" c="dimmed">
        {t('wizard.admin.help')}
      </Text>
      <TextInput
        label={t('field.displayName')}
        value={values.displayName}
        onChange={(e) => change({ displayName: e.currentTarget.value }, ['admin.displayName'])}
        error={errorFor('admin.displayName')}
        maxLength={40}
        labelProps={REQUIRED_LABEL}
      />
      <TextInput
        label={t('field.username')}
        description={t('field.usernameHelp')}
        value={values.username}
        onChange={(e) => change({ username: e.currentTarget.value }, ['admin.username'])}
        error={errorFor('admin.username')}
        autoComplete="off"
        spellCheck={false}
        maxLength={32}
        labelProps={REQUIRED_LABEL}
      />
      <PasswordField
        label={t('field.password')}
        description={t('field.passwordHelp')}
        value={values.password}
        onChange={(e) => change({ password: e.currentTarget.value }, ['admin.password', 'admin.passwordConfirm'])}
        error={errorFor('admin.password')}
        autoComplete="new-password"
        labelProps={REQUIRED_LABEL}
      />
      <PasswordField
        label={t('field.passwordConfirm')}
        value={values.passwordConfirm}
        onChange={(e) => change({ passwordConfirm: e.currentTarget.value }, ['admin.passwordConfirm'])}
        error={errorFor('admin.passwordConfirm')}
        autoComplete="new-password"
        labelProps={REQUIRED_LABEL}
      />
      {values.mode === 'county' && (
        <Checkbox
          mt="sm"
          label={t('wizard.demo.label')}
          description={t('wizard.demo.help')}
          checked={values.demoData}
          onChange={(e) => change({ demoData: e.currentTarget.checked })}
          data-testid="wizard-demo"
        />
      )}
    </Stack>
  );
}
