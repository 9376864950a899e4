import { Select } from '@mantine/core';
import { useT } from '../i18n';
import { yearChoices } from '../months';

/** 年度: a plain list of years (newest first). */
export function YearSelect(props: { value: number; onChange(year: number): void; label?: string; w?: number }) {
  const { t } = useT();
  const years = yearChoices();
  if (!years.includes(props.value)) years.push(props.value);
  return (
    <Select
      label={props.label ?? t('year.label')}
      data={years.map((y) => ({ value: String(y), label: String(y) }))}
      value={String(props.value)}
      onChange={(v) => v && props.onChange(Number(v))}
      allowDeselect={false}
      w={props.w ?? 120}
      maxDropdownHeight={320}
    />
  );
}
