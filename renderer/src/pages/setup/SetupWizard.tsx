import { Button, Group, Stack, Stepper, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { call } from '../../client';
import { CenteredPage } from '../../components/CenteredPage';
import { ErrorAlert } from '../../components/ErrorAlert';
import { clientError, useFormErrors } from '../../components/form-errors';
import type { LedgerError, OfficeInfo, SetupStatus } from '../../contract';
import { useT } from '../../i18n';
import { rememberDemoWish } from '../../session/demo-wish';
import { AdminStep, DivisionStep, ModeStep, OfficeStep } from './wizard-steps';
import { WIZARD_FIELDS, initialWizardValues, officeNameFor, stepOfField, type WizardField, type WizardValues } from './wizard-values';

const LAST_STEP = 3;

/** Checks of one step, before "next": the main side checks all of it again on create. */
function checkStep(step: number, v: WizardValues): Partial<Record<WizardField, LedgerError>> {
  const errors: Partial<Record<WizardField, LedgerError>> = {};
  if (step === 1) {
    const code = v.mode === 'county' ? v.countyCode : v.cityCode;
    if (!code) errors.divisionCode = clientError('REQUIRED', 'divisionCode');
  }
  if (step === 2) {
    if (!v.officeName.trim()) errors.officeName = clientError('REQUIRED', 'officeName');
    const path = v.databasePath.trim();
    if (!path) errors.databasePath = clientError('REQUIRED', 'databasePath');
    else if (!/\.sqlite$/i.test(path) || !/^(\/|[A-Za-z]:[\\/]|\\\\)/.test(path)) {
      errors.databasePath = clientError('DATABASE_PATH_INVALID', 'databasePath');
    }
  }
  if (step === 3) {
    if (!v.displayName.trim()) errors['admin.displayName'] = clientError('REQUIRED', 'admin.displayName');
    if (!v.username.trim()) errors['admin.username'] = clientError('REQUIRED', 'admin.username');
    else if (!/^[A-Za-z0-9._-]{2,32}$/.test(v.username.trim())) {
      errors['admin.username'] = clientError('USERNAME_INVALID', 'admin.username');
    }
    if ([...v.password].length < 8) errors['admin.password'] = clientError('PASSWORD_TOO_SHORT', 'admin.password');
    else if (v.password !== v.passwordConfirm) {
      errors['admin.passwordConfirm'] = clientError('PASSWORD_MISMATCH', 'admin.passwordConfirm');
    }
  }
  return errors;
}

/** First run: mode → division → office → first administrator, then setup.create. */
export function SetupWizard({ status, onCreated }: { status: SetupStatus; onCreated(office: OfficeInfo, username: string): void }) {
  const { t } = useT();
  const [step, setStep] = useState(0);
  const [values, setValues] = useState<WizardValues>(() => initialWizardValues(status));
  const [creating, setCreating] = useState(false);
  const errors = useFormErrors(WIZARD_FIELDS);

  const change = (patch: Partial<WizardValues>, touched: WizardField[] = []) => {
    setValues((current) => {
      const next = { ...current, ...patch };
      // The office name follows the division until the clerk types their own.
      if (!next.officeNameEdited) next.officeName = officeNameFor(next);
      return next;
    });
    for (const field of touched) errors.setFieldError(field, null);
  };

  const goTo = (target: number) => {
    errors.setGeneral(null);
    setStep(target);
  };

  const next = () => {
    const found = checkStep(step, values);
    errors.setFieldErrors((current) => ({ ...current, ...found }));
    if (Object.keys(found).length === 0) goTo(step + 1);
  };

  const create = async () => {
    for (let s = 1; s <= LAST_STEP; s++) {
      const found = checkStep(s, values);
      if (Object.keys(found).length) {
        errors.setFieldErrors((current) => ({ ...current, ...found }));
        return goTo(s);
      }
    }
    setCreating(true);
    errors.setGeneral(null);
    const username = values.username.trim();
    try {
      const office = await call('setup.create', {
        mode: values.mode,
        divisionCode: (values.mode === 'county' ? values.countyCode : values.cityCode) ?? '',
        officeName: values.officeName.trim(),
        databasePath: values.databasePath.trim(),
        admin: {
          username,
          displayName: values.displayName.trim(),
          password: values.password,
          passwordConfirm: values.passwordConfirm,
        },
      });
      if (office.mode === 'county' && values.demoData) rememberDemoWish(office.installationId);
      onCreated(office, username);
    } catch (error) {
      const field = errors.capture(error);
      if (field) setStep(stepOfField(field));
    } finally {
      setCreating(false);
    }
  };

  const stepProps = { values, change, errorFor: errors.errorFor };

  return (
    <CenteredPage width={760}>
      <Stack gap="lg">
        <div>
          <Title order={3}>{t('wizard.title')}</Title>
          <Text size="sm" c="dimmed">
            {t('wizard.intro')}
          </Text>
        </div>
        <Stepper active={step} onStepClick={(s) => s < step && goTo(s)} allowNextStepsSelect={false} size="sm">
          <Stepper.Step label={t('wizard.step.mode')}>
            <ModeStep {...stepProps} />
          </Stepper.Step>
          <Stepper.Step label={t('wizard.step.division')}>
            <DivisionStep {...stepProps} />
          </Stepper.Step>
          <Stepper.Step label={t('wizard.step.office')}>
            <OfficeStep {...stepProps} />
          </Stepper.Step>
          <Stepper.Step label={t('wizard.step.admin')}>
            <AdminStep {...stepProps} />
          </Stepper.Step>
        </Stepper>
        <ErrorAlert error={errors.general} onClose={() => errors.setGeneral(null)} />
        <Group justify="space-between">
          <Button variant="default" data-testid="wizard-back" onClick={() => goTo(step - 1)} disabled={step === 0 || creating}>
            {t('wizard.back')}
          </Button>
          {step < LAST_STEP ? (
            <Button data-testid="wizard-next" onClick={next}>
              {t('wizard.next')}
            </Button>
          ) : (
            <Button data-testid="wizard-create" onClick={() => void create()} loading={creating}>
              {t('wizard.create')}
            </Button>
          )}
        </Group>
      </Stack>
    </CenteredPage>
  );
}
