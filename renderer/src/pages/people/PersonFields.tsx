import { Checkbox, Group, Radio, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { clientError } from '../../components/form-errors';
import { HukouSelect } from '../../components/HukouSelect';
import { requiredLabel } from '../../components/required-label';
import { normalisePhone, pastDateProblem, type LedgerError } from '../../contract';
import { useT } from '../../i18n';
import { useSession } from '../../session/session-context';
import { idFeedback, type PersonField, type PersonFormValues } from './person-values';

/** What a form that holds a person's values hands to PersonFields. */
export interface PersonFieldsProps {
  values: PersonFormValues;
  /** Sets one value and clears the error of `field` (the person form's field names: person.name …). */
  set<K extends keyof PersonFormValues>(key: K, value: PersonFormValues[K], field?: PersonField): void;
  errorFor(field: PersonField): string | undefined;
  setFieldError(field: PersonField, error: LedgerError | null): void;
  /** The ID number field was left (or loaded): full checks apply, not only "as typed". */
  idLeft: boolean;
  setIdLeft(left: boolean): void;
  readOnly: boolean;
  /** Remounts the 户籍地 selects when a record is (re)loaded. */
  hukouKey: number;
  /** The stored name of the 户籍地 code, for a code outside the office's area. */
  hukouName?: string;
  /** Prefix of the data-field attributes (the contract path of the person in the request). */
  fieldPrefix?: string;
}

/**
 * A person's own fields (姓名, 身份证号 with sex and birth date derived from it, 联系电话, 户籍地,
 * 详细地址): shared by the person form and the admission form, so a person is entered one way.
 */
export function PersonFields(props: PersonFieldsProps) {
  const { t, errorText } = useT();
  const { office } = useSession();
  const { values, set, errorFor, setFieldError, readOnly } = props;
  const dataField = (field: PersonField) => (props.fieldPrefix ? `${props.fieldPrefix}.${field.slice('person.'.length)}` : field);

  const feedback = values.noIdNumber || readOnly ? ({ kind: 'none' } as const) : idFeedback(values.idNumber, props.idLeft);
  const derived = feedback.kind === 'valid' ? feedback.parsed : null;
  const sexLabel = (sex: 'M' | 'F' | null) => (sex ? t(`sex.${sex}`) : '');

  return (
    <>
      <TextInput
        label={t('person.name')}
        value={values.name}
        onChange={(e) => set('name', e.currentTarget.value, 'person.name')}
        error={errorFor('person.name')}
        readOnly={readOnly}
        labelProps={requiredLabel(!readOnly)}
        maxLength={50}
        data-autofocus
        data-field={dataField('person.name')}
      />

      <Stack gap={6}>
        <TextInput
          label={t('person.idNumber')}
          value={values.idNumber}
          onChange={(e) => {
            set('idNumber', e.currentTarget.value, 'person.idNumber');
            props.setIdLeft(false);
          }}
          onBlur={() => props.setIdLeft(true)}
          error={errorFor('person.idNumber') ?? (feedback.kind === 'error' ? errorText(feedback.error) : undefined)}
          description={
            derived?.upgradedFrom15
              ? t('person.idUpgrade', { idNumber: derived.idNumber })
              : derived
                ? t('person.idValid', { sex: sexLabel(derived.sex), birthDate: derived.birthDate })
                : undefined
          }
          disabled={values.noIdNumber}
          readOnly={readOnly}
          labelProps={requiredLabel(!readOnly && !values.noIdNumber)}
          maxLength={20}
          spellCheck={false}
          autoComplete="off"
          styles={{ input: { fontFamily: 'ui-monospace, Consolas, monospace', letterSpacing: '0.05em' } }}
          data-field={dataField('person.idNumber')}
        />
        <Checkbox
          // Not "无身份证号": getByLabel('身份证号') must find only the number's own field.
          label={t('person.noIdCard')}
          description={t('person.noIdNumberHelp')}
          checked={values.noIdNumber}
          onChange={(e) => {
            set('noIdNumber', e.currentTarget.checked, 'person.idNumber');
            setFieldError('person.sex', null);
            setFieldError('person.birthDate', null);
          }}
          disabled={readOnly}
        />
      </Stack>

      {values.noIdNumber ? (
        <SimpleGrid cols={2}>
          <Radio.Group
            label={t('person.sex')}
            value={values.sex ?? ''}
            onChange={(v) => set('sex', v === 'M' || v === 'F' ? v : null, 'person.sex')}
            error={errorFor('person.sex')}
            readOnly={readOnly}
            data-field={dataField('person.sex')}
          >
            <Group mt={8}>
              <Radio value="M" label={t('sex.M')} disabled={readOnly} />
              <Radio value="F" label={t('sex.F')} disabled={readOnly} />
            </Group>
          </Radio.Group>
          <TextInput
            label={t('person.birthDate')}
            placeholder="YYYY-MM-DD"
            value={values.birthDate}
            onChange={(e) => set('birthDate', e.currentTarget.value, 'person.birthDate')}
            onBlur={() => {
              const text = values.birthDate.trim();
              const problem = text ? pastDateProblem(text) : null;
              if (problem) setFieldError('person.birthDate', clientError(problem, 'person.birthDate'));
            }}
            error={errorFor('person.birthDate')}
            readOnly={readOnly}
            maxLength={10}
            data-field={dataField('person.birthDate')}
          />
        </SimpleGrid>
      ) : (
        <SimpleGrid cols={2}>
          <TextInput
            label={t('person.sex')}
            value={sexLabel(derived?.sex ?? (readOnly ? values.sex : null))}
            placeholder={t('person.derivedPlaceholder')}
            description={t('person.derivedFromId')}
            error={errorFor('person.sex')}
            readOnly
            variant="filled"
          />
          <TextInput
            label={t('person.birthDate')}
            value={derived?.birthDate ?? (readOnly ? values.birthDate : '')}
            placeholder={t('person.derivedPlaceholder')}
            description={t('person.derivedFromId')}
            error={errorFor('person.birthDate')}
            readOnly
            variant="filled"
          />
        </SimpleGrid>
      )}

      <TextInput
        label={t('person.phone')}
        description={readOnly ? undefined : t('person.phoneHelp')}
        value={values.phone}
        onChange={(e) => set('phone', e.currentTarget.value, 'person.phone')}
        onBlur={() => {
          if (!values.phone.trim()) return;
          const normal = normalisePhone(values.phone);
          if (normal) set('phone', normal);
          else setFieldError('person.phone', clientError('PHONE_INVALID', 'person.phone'));
        }}
        error={errorFor('person.phone')}
        readOnly={readOnly}
        maxLength={32}
        inputMode="tel"
        data-field={dataField('person.phone')}
      />

      <HukouSelect
        key={props.hukouKey}
        office={office}
        value={values.hukouDivisionCode}
        valueName={props.hukouName}
        onChange={(code) => set('hukouDivisionCode', code, 'person.hukouDivisionCode')}
        readOnly={readOnly}
        error={errorFor('person.hukouDivisionCode')}
      />

      <TextInput
        label={t('person.address')}
        value={values.address}
        onChange={(e) => set('address', e.currentTarget.value, 'person.address')}
        error={errorFor('person.address')}
        readOnly={readOnly}
        maxLength={200}
        data-field={dataField('person.address')}
      />
    </>
  );
}
