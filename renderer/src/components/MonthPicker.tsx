import { Button, Group, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useT } from '../i18n';
import { isMonth, shiftMonth } from '../months';

/**
 * A month as YYYY-MM: typed (taken on Enter or when leaving the field) or stepped with
 * 上月 / 下月. `max` (inclusive) keeps future months out.
 */
export function MonthPicker(props: { value: string; onChange(month: string): void; max?: string; label?: string }) {
  const { t } = useT();
  const [draft, setDraft] = useState<{ for: string; text: string } | null>(null);
  const text = draft && draft.for === props.value ? draft.text : props.value;
  const invalid = draft !== null && draft.for === props.value && draft.text !== props.value && !acceptable(draft.text);

  function acceptable(candidate: string) {
    return isMonth(candidate) && (!props.max || candidate <= props.max);
  }

  const commit = () => {
    if (!draft || draft.for !== props.value) return;
    const candidate = draft.text.trim();
    if (candidate === props.value) return setDraft(null);
    if (acceptable(candidate)) {
      setDraft(null);
      props.onChange(candidate);
    }
  };

  const step = (delta: number) => {
    setDraft(null);
    props.onChange(shiftMonth(props.value, delta));
  };

  return (
    <Group gap={6} align="flex-end" wrap="nowrap">
      <Button variant="default" onClick={() => step(-1)}>
        ‹ {t('month.previous')}
      </Button>
      <TextInput
        label={props.label ?? t('month.label')}
        value={text}
        placeholder="YYYY-MM"
        onChange={(e) => setDraft({ for: props.value, text: e.currentTarget.value })}
        onBlur={commit}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault();
            commit();
          }
        }}
        error={invalid ? t(props.max ? 'month.invalidOrFuture' : 'month.invalid') : undefined}
        maxLength={7}
        w={120}
        styles={{ input: { fontVariantNumeric: 'tabular-nums', textAlign: 'center' } }}
        autoComplete="off"
      />
      <Button variant="default" onClick={() => step(1)} disabled={!!props.max && props.value >= props.max}>
        {t('month.next')} ›
      </Button>
    </Group>
  );
}
