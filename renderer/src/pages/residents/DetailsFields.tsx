import { Checkbox, Group, Radio, Select, SimpleGrid, Stack, TextInput, Textarea } from '@mantine/core';
import { requiredLabel } from '../../components/required-label';
import { RESIDENT_CATEGORIES, SUPPORT_FORMS, type ResidentCategory, type SupportForm } from '../../contract';
import { useT } from '../../i18n';
import { categoryLabel, options, supportFormLabel } from '../institutions/welfare-labels';
import { isChildCategory, type DetailKey, type DetailsValues } from './resident-values';

/**
 * 供养类别, 供养方式, the schooling extension (child categories only), the age exception, the
 * guardian or emergency contact and notes: shared by the admission form and 编辑登记信息.
 */
export function DetailsFields(props: {
  values: DetailsValues;
  set<K extends DetailKey>(key: K, value: DetailsValues[K]): void;
  errorFor(key: DetailKey): string | undefined;
  /** The contract path of `details` in the request (data-field attributes, for focusing). */
  prefix: string;
  onPhoneBlur?(): void;
}) {
  const { t } = useT();
  const { values, set, errorFor, prefix } = props;
  return (
    <Stack gap="sm">
      <SimpleGrid cols={2}>
        <Select
          label={t('resident.category')}
          data={options(RESIDENT_CATEGORIES, (c) => categoryLabel(t, c))}
          value={values.category}
          onChange={(v) => set('category', v as ResidentCategory | null)}
          error={errorFor('category')}
          labelProps={requiredLabel(true)}
          allowDeselect={false}
          placeholder={t('resident.categoryPlaceholder')}
          data-field={`${prefix}.category`}
        />
        <Radio.Group
          label={t('resident.supportForm')}
          value={values.supportForm}
          onChange={(v) => set('supportForm', v as SupportForm)}
          error={errorFor('supportForm')}
        >
          <Group mt={8}>
            {SUPPORT_FORMS.map((f) => (
              <Radio key={f} value={f} label={supportFormLabel(t, f)} />
            ))}
          </Group>
        </Radio.Group>
      </SimpleGrid>
      {isChildCategory(values.category) && (
        <Checkbox
          label={t('resident.schoolingExtension')}
          description={t('resident.schoolingExtensionHelp')}
          checked={values.schoolingExtension}
          onChange={(e) => set('schoolingExtension', e.currentTarget.checked)}
          error={errorFor('schoolingExtension')}
          data-field={`${prefix}.schoolingExtension`}
        />
      )}
      <TextInput
        label={t('resident.ageException')}
        description={t('resident.ageExceptionHelp')}
        value={values.ageException}
        onChange={(e) => set('ageException', e.currentTarget.value)}
        error={errorFor('ageException')}
        maxLength={200}
        data-field={`${prefix}.ageException`}
      />
      <SimpleGrid cols={3}>
        <TextInput
          label={t('resident.guardianName')}
          value={values.guardianName}
          onChange={(e) => set('guardianName', e.currentTarget.value)}
          error={errorFor('guardianName')}
          maxLength={50}
          data-field={`${prefix}.guardianName`}
        />
        <TextInput
          label={t('resident.guardianRelation')}
          placeholder={t('resident.guardianRelationPlaceholder')}
          value={values.guardianRelation}
          onChange={(e) => set('guardianRelation', e.currentTarget.value)}
          error={errorFor('guardianRelation')}
          maxLength={20}
          data-field={`${prefix}.guardianRelation`}
        />
        <TextInput
          label={t('resident.guardianPhone')}
          value={values.guardianPhone}
          onChange={(e) => set('guardianPhone', e.currentTarget.value)}
          onBlur={props.onPhoneBlur}
          error={errorFor('guardianPhone')}
          maxLength={32}
          inputMode="tel"
          data-field={`${prefix}.guardianPhone`}
        />
      </SimpleGrid>
      <Textarea
        label={t('resident.notes')}
        value={values.notes}
        onChange={(e) => set('notes', e.currentTarget.value)}
        error={errorFor('notes')}
        autosize
        minRows={2}
        maxRows={6}
        maxLength={1000}
        data-field={`${prefix}.notes`}
      />
    </Stack>
  );
}
