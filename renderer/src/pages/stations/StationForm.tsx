import {
  Badge,
  Button,
  Checkbox,
  Fieldset,
  Group,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  Text,
  TextInput,
  Textarea,
} from '@mantine/core';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { call } from '../../client';
import { DivisionSelect, useDivisionChildren } from '../../components/DivisionSelect';
import { CreditCodeInput } from '../../components/CreditCodeInput';
import { FormProblems } from '../../components/FormProblems';
import { NumberField } from '../../components/NumberField';
import { useFormErrors } from '../../components/form-errors';
import { requiredLabel } from '../../components/required-label';
import {
  OPERATING_MODES,
  PARTNER_TYPES,
  SERVICE_TYPES,
  type LifecycleStep,
  type OperatingMode,
  type PartnerType,
  type ServiceType,
  type Station,
  type StationKind,
  STATION_KINDS,
} from '../../contract';
import { formatDateTime } from '../../format';
import { useT } from '../../i18n';
import { formatFen, parseYuan } from '../../money';
import { useSession } from '../../session/session-context';
import { LifecycleFields } from './LifecycleFields';
import { needsTown, requiredTownKind } from './station-labels';
import {
  STATION_FIELDS,
  agreementEndsBeforeStart,
  checkStation,
  lifecycleField,
  toStationInput,
  type StationField,
  type StationFormValues,
} from './station-values';

/** Moves the keyboard to the field a refusal concerns (inputs carry data-field="<contract path>"). */
export function focusField(root: HTMLElement | null, field: string) {
  requestAnimationFrame(() => {
    const target = root?.querySelector<HTMLElement>(`[data-field="${field}"]`);
    if (!target) return;
    target.scrollIntoView({ block: 'center' });
    if (typeof target.focus === 'function') target.focus({ preventScroll: true });
  });
}

/**
 * 新增 / 编辑站点, in sections. Instant checks (lifecycle order, credit code, dates) as the clerk
 * types; refusals of the main side land on the field they name; nothing typed is lost.
 */
export function StationForm(props: {
  station: Station | null;
  values: StationFormValues;
  setValues(update: (v: StationFormValues) => StationFormValues): void;
  readOnly: boolean;
  onSaved(station: Station): void;
  onReload(): void;
  onClose(): void;
}) {
  const { t, errorText } = useT();
  const { office } = useSession();
  const { values, readOnly, station } = props;
  const towns = useDivisionChildren(office.divisionCode);
  const [saving, setSaving] = useState(false);
  const errors = useFormErrors(STATION_FIELDS);
  const formRef = useRef<HTMLFormElement>(null);
  const topRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (errors.general !== null) topRef.current?.scrollIntoView({ block: 'start' });
  }, [errors.general]);

  const set = <K extends keyof StationFormValues>(key: K, value: StationFormValues[K], field?: StationField) => {
    props.setValues((v) => ({ ...v, [key]: value }));
    if (field) errors.setFieldError(field, null);
  };

  const kindLabel = (kind: StationKind) => t(`station.kind.${kind}`);
  const townKindLabel = (kind: 'street' | 'town') => t(`townKind.${kind}`);
  const townOf = (code: string) => towns.items.find((d) => d.code === code);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (readOnly || saving) return;
    errors.setGeneral(null);
    const found = checkStation(values, townOf, kindLabel, townKindLabel);
    errors.setFieldErrors(found);
    const first = STATION_FIELDS.find((f) => found[f]);
    if (first) return focusField(formRef.current, first);
    setSaving(true);
    try {
      const input = toStationInput(values);
      const saved = station
        ? await call('stations.update', { id: station.id, version: station.version, station: input })
        : await call('stations.create', { station: input });
      errors.clear();
      props.onSaved(saved);
    } catch (error) {
      const field = errors.capture(error);
      if (field) focusField(formRef.current, field);
    } finally {
      setSaving(false);
    }
  };

  const wantedTownKind = requiredTownKind(values.kind);
  const townOptions = towns.items
    .filter((d) => !wantedTownKind || d.townKind === wantedTownKind || d.code === values.townCode)
    .map((d) => ({ value: d.code, label: d.name }));
  const chosenTown = values.townCode ? townOf(values.townCode) : undefined;
  const townMismatch =
    wantedTownKind && chosenTown && chosenTown.townKind !== wantedTownKind && values.kind
      ? errorText({
          code: 'TOWN_WRONG_KIND',
          message: '',
          params: { kind: kindLabel(values.kind), townKind: townKindLabel(wantedTownKind) },
        })
      : undefined;

  const funding = parseYuan(values.fundingYuan);
  const agreementProblem = agreementEndsBeforeStart(values)
    ? errorText({ code: 'AGREEMENT_END_BEFORE_START', message: '' })
    : undefined;
  const withTown = needsTown(values.kind);

  return (
    <form ref={formRef} onSubmit={(e) => void submit(e)} noValidate>
      <Stack gap="md" ref={topRef} style={{ scrollMarginTop: 80 }}>
        <FormProblems general={errors.general} onCloseGeneral={() => errors.setGeneral(null)} onReload={props.onReload} readOnly={readOnly} />

        <Fieldset legend={t('station.section.basic')} variant="filled">
          <Stack gap="sm">
            <SimpleGrid cols={2}>
              <TextInput
                label={t('station.name')}
                value={values.name}
                onChange={(e) => set('name', e.currentTarget.value, 'station.name')}
                error={errors.errorFor('station.name')}
                readOnly={readOnly}
                labelProps={requiredLabel(!readOnly)}
                maxLength={80}
                data-autofocus
                data-field="station.name"
              />
              <Select
                label={t('station.kind')}
                data={STATION_KINDS.map((k) => ({ value: k, label: kindLabel(k) }))}
                value={values.kind}
                onChange={(v) => {
                  set('kind', v as StationKind | null, 'station.kind');
                  errors.setFieldError('station.townCode', null);
                }}
                error={errors.errorFor('station.kind')}
                readOnly={readOnly}
                labelProps={requiredLabel(!readOnly)}
                allowDeselect={false}
                data-field="station.kind"
              />
            </SimpleGrid>
            {withTown ? (
              <SimpleGrid cols={2}>
                <Select
                  label={t('station.town')}
                  description={wantedTownKind ? t(`station.townHelp.${wantedTownKind}`) : undefined}
                  placeholder={towns.loading ? t('common.loading') : t('division.choose')}
                  data={townOptions}
                  value={values.townCode}
                  onChange={(code) => {
                    props.setValues((v) => ({ ...v, townCode: code, villageCode: null }));
                    errors.setFieldError('station.townCode', null);
                    errors.setFieldError('station.villageCode', null);
                  }}
                  error={errors.errorFor('station.townCode') ?? townMismatch}
                  readOnly={readOnly}
                  labelProps={requiredLabel(!readOnly)}
                  searchable
                  allowDeselect={false}
                  nothingFoundMessage={t('division.nothingFound')}
                  maxDropdownHeight={320}
                  data-field="station.townCode"
                />
                <DivisionSelect
                  key={values.townCode ?? ''}
                  label={t('station.village')}
                  description={wantedTownKind ? '\u00a0' : undefined}
                  parent={values.townCode ?? undefined}
                  value={values.villageCode}
                  onChange={(code) => set('villageCode', code, 'station.villageCode')}
                  error={errors.errorFor('station.villageCode')}
                  readOnly={readOnly}
                  clearable={!readOnly}
                  placeholder={readOnly ? '' : t('division.chooseOptional')}
                />
              </SimpleGrid>
            ) : (
              <Text size="sm" c="dimmed">
                {t('station.countyCentreNote')}
              </Text>
            )}
            <TextInput
              label={t('station.address')}
              value={values.address}
              onChange={(e) => set('address', e.currentTarget.value, 'station.address')}
              error={errors.errorFor('station.address')}
              readOnly={readOnly}
              maxLength={200}
              data-field="station.address"
            />
            <SimpleGrid cols={2}>
              <NumberField
                label={t('station.taskYear')}
                description={t('station.taskYearHelp')}
                value={values.taskYear}
                onChange={(v) => set('taskYear', v, 'station.taskYear')}
                error={errors.errorFor('station.taskYear')}
                readOnly={readOnly}
                maxLength={4}
                placeholder={readOnly ? '' : 'YYYY'}
                data-field="station.taskYear"
              />
              <TextInput
                label={t('station.fundingYuan')}
                description={
                  funding.ok && funding.fen !== null && !readOnly ? t('money.reads', { amount: formatFen(funding.fen) }) : t('money.help')
                }
                value={values.fundingYuan}
                onChange={(e) => set('fundingYuan', e.currentTarget.value, 'station.fundingFen')}
                error={errors.errorFor('station.fundingFen') ?? (!funding.ok ? t('money.invalid') : undefined)}
                readOnly={readOnly}
                inputMode="decimal"
                maxLength={20}
                rightSection={<Text size="sm" c="dimmed">{t('money.yuan')}</Text>}
                data-field="station.fundingFen"
              />
            </SimpleGrid>
          </Stack>
        </Fieldset>

        <Fieldset legend={t('station.section.lifecycle')} variant="filled">
          <LifecycleFields
            lifecycle={values.lifecycle}
            readOnly={readOnly}
            onChange={(step: LifecycleStep, value: string) => {
              props.setValues((v) => ({ ...v, lifecycle: { ...v.lifecycle, [step]: value } }));
              errors.setFieldError(lifecycleField(step), null);
            }}
            serverError={(step) => errors.byField[lifecycleField(step)]}
          />
        </Fieldset>

        <Fieldset legend={t('station.section.operation')} variant="filled">
          <Stack gap="sm">
            <SimpleGrid cols={2}>
              <Select
                label={t('station.operatingMode')}
                data={OPERATING_MODES.map((m) => ({ value: m, label: t(`station.mode.${m}`) }))}
                value={values.operatingMode}
                onChange={(v) => set('operatingMode', v as OperatingMode | null, 'station.operatingMode')}
                error={errors.errorFor('station.operatingMode')}
                readOnly={readOnly}
                clearable={!readOnly}
                data-field="station.operatingMode"
              />
              <TextInput
                label={t('station.operatorName')}
                value={values.operatorName}
                onChange={(e) => set('operatorName', e.currentTarget.value, 'station.operatorName')}
                error={errors.errorFor('station.operatorName')}
                readOnly={readOnly}
                maxLength={100}
                data-field="station.operatorName"
              />
            </SimpleGrid>
            <CreditCodeInput
              field="station.operatorCreditCode"
              value={values.operatorCreditCode}
              onChange={(v) => set('operatorCreditCode', v, 'station.operatorCreditCode')}
              initiallyLeft={!!station}
              error={errors.errorFor('station.operatorCreditCode')}
              readOnly={readOnly}
              w={{ base: '100%', sm: 420 }}
            />
            <SimpleGrid cols={3}>
              <NumberField
                label={t('station.floorArea')}
                value={values.floorArea}
                onChange={(v) => set('floorArea', v, 'station.floorArea')}
                error={errors.errorFor('station.floorArea')}
                readOnly={readOnly}
                decimals={2}
                maxLength={10}
                rightSection={<Text size="sm" c="dimmed">m²</Text>}
                data-field="station.floorArea"
              />
              <NumberField
                label={t('station.beds')}
                value={values.beds}
                onChange={(v) => set('beds', v, 'station.beds')}
                error={errors.errorFor('station.beds')}
                readOnly={readOnly}
                maxLength={7}
                rightSection={<Text size="sm" c="dimmed">{t('unit.beds')}</Text>}
                data-field="station.beds"
              />
              <NumberField
                label={t('station.staff')}
                value={values.staff}
                onChange={(v) => set('staff', v, 'station.staff')}
                error={errors.errorFor('station.staff')}
                readOnly={readOnly}
                maxLength={7}
                rightSection={<Text size="sm" c="dimmed">{t('unit.people')}</Text>}
                data-field="station.staff"
              />
            </SimpleGrid>
          </Stack>
        </Fieldset>

        <Fieldset legend={t('station.section.services')} variant="filled" data-field="station.services">
          <Checkbox.Group
            value={values.services}
            onChange={(v) => set('services', v as ServiceType[], 'station.services')}
            error={errors.errorFor('station.services')}
            aria-label={t('station.services')}
            readOnly={readOnly}
          >
            <Group gap="lg" mt={4}>
              {SERVICE_TYPES.map((s) => (
                <Checkbox key={s} value={s} label={t(`service.${s}`)} />
              ))}
            </Group>
          </Checkbox.Group>
        </Fieldset>

        <Fieldset legend={t('station.section.medical')} variant="filled">
          <Stack gap="sm">
            <SimpleGrid cols={2}>
              <TextInput
                label={t('station.medicalPartnerName')}
                value={values.medicalPartnerName}
                onChange={(e) => set('medicalPartnerName', e.currentTarget.value, 'station.medicalPartnerName')}
                error={errors.errorFor('station.medicalPartnerName')}
                readOnly={readOnly}
                maxLength={100}
                data-field="station.medicalPartnerName"
              />
              <Select
                label={t('station.medicalPartnerType')}
                data={PARTNER_TYPES.map((p) => ({ value: p, label: t(`partner.${p}`) }))}
                value={values.medicalPartnerType}
                onChange={(v) => set('medicalPartnerType', v as PartnerType | null, 'station.medicalPartnerType')}
                error={errors.errorFor('station.medicalPartnerType')}
                readOnly={readOnly}
                clearable={!readOnly}
                data-field="station.medicalPartnerType"
              />
              <TextInput
                label={t('station.medicalAgreementStart')}
                placeholder={readOnly ? '' : 'YYYY-MM-DD'}
                value={values.medicalAgreementStart}
                onChange={(e) => set('medicalAgreementStart', e.currentTarget.value, 'station.medicalAgreementStart')}
                error={errors.errorFor('station.medicalAgreementStart')}
                readOnly={readOnly}
                maxLength={10}
                data-field="station.medicalAgreementStart"
              />
              <TextInput
                label={t('station.medicalAgreementEnd')}
                placeholder={readOnly ? '' : 'YYYY-MM-DD'}
                value={values.medicalAgreementEnd}
                onChange={(e) => set('medicalAgreementEnd', e.currentTarget.value, 'station.medicalAgreementEnd')}
                error={errors.errorFor('station.medicalAgreementEnd') ?? agreementProblem}
                readOnly={readOnly}
                maxLength={10}
                data-field="station.medicalAgreementEnd"
              />
            </SimpleGrid>
            <SimpleGrid cols={2}>
              <TextInput
                label={t('station.tcmBaseDate')}
                description={t('station.tcmBaseHelp')}
                placeholder={readOnly ? '' : 'YYYY-MM-DD'}
                value={values.tcmBaseDate}
                onChange={(e) => set('tcmBaseDate', e.currentTarget.value, 'station.tcmBaseDate')}
                error={errors.errorFor('station.tcmBaseDate')}
                readOnly={readOnly}
                maxLength={10}
                data-field="station.tcmBaseDate"
              />
              <Switch
                label={t('station.oneStopSettlement')}
                description={t('station.oneStopHelp')}
                checked={values.oneStopSettlement}
                onChange={(e) => !readOnly && set('oneStopSettlement', e.currentTarget.checked, 'station.oneStopSettlement')}
                error={errors.errorFor('station.oneStopSettlement')}
                disabled={readOnly}
                mt="lg"
              />
            </SimpleGrid>
          </Stack>
        </Fieldset>

        <Textarea
          label={t('person.notes')}
          value={values.notes}
          onChange={(e) => set('notes', e.currentTarget.value, 'station.notes')}
          error={errors.errorFor('station.notes')}
          readOnly={readOnly}
          autosize
          minRows={2}
          maxRows={8}
          maxLength={1000}
          data-field="station.notes"
        />

        {station && (
          <Group gap="xs">
            <Badge variant="outline" color="gray">
              {t('person.version', { version: station.version })}
            </Badge>
            <Text size="xs" c="dimmed">
              {t('person.meta', {
                created: formatDateTime(station.createdAt, false),
                updated: formatDateTime(station.updatedAt, false),
                by: station.updatedByName ?? '—',
              })}
            </Text>
          </Group>
        )}

        <Group justify="flex-end" className="sticky-actions">
          <Button variant="default" onClick={props.onClose}>
            {readOnly ? t('common.close') : t('common.cancel')}
          </Button>
          {!readOnly && (
            <Button type="submit" loading={saving}>
              {t('common.save')}
            </Button>
          )}
        </Group>
      </Stack>
    </form>
  );
}
