import { Group, TextInput } from '@mantine/core';
import { useState } from 'react';
import { MonthPicker } from '../../components/MonthPicker';
import { localDate, pastDateProblem } from '../../contract';
import { useT } from '../../i18n';
import { currentMonth } from '../../months';
import { monthEnd } from './month-end';

/**
 * 查询日期: any past day typed as YYYY-MM-DD, or a month stepped with 上个月 / 下个月 (which
 * moves the date to that month's end, or to today for the current month).
 */
export function AsOfPicker(props: { value: string; onChange(date: string): void }) {
  const { t } = useT();
  const today = localDate();
  const [draft, setDraft] = useState<{ for: string; text: string } | null>(null);
  const text = draft && draft.for === props.value ? draft.text : props.value;
  const typed = text.trim();
  const problem = typed.length >= 10 && typed !== props.value ? pastDateProblem(typed) : null;

  const type = (next: string) => {
    setDraft({ for: props.value, text: next });
    const value = next.trim();
    if (value.length === 10 && !pastDateProblem(value)) props.onChange(value);
  };

  return (
    <Group gap="lg" align="flex-end" wrap="wrap">
      <TextInput
        label={t('homes.onDate')}
        placeholder="YYYY-MM-DD"
        value={text}
        onChange={(e) => type(e.currentTarget.value)}
        error={problem ? t('resident.onDateInvalid') : undefined}
        maxLength={10}
        w={150}
        autoComplete="off"
      />
      <MonthPicker
        label={t('homes.monthEnd')}
        value={props.value.slice(0, 7)}
        max={currentMonth(today)}
        onChange={(month) => {
          setDraft(null);
          props.onChange(monthEnd(month, today));
        }}
      />
    </Group>
  );
}
