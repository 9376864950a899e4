import { Group, SegmentedControl, Select, Stack, Text } from '@mantine/core';
import { localDate } from '../../contract';
import { useT } from '../../i18n';
import { endedParts, parsePeriodLabel, periodLabelOf, switchKind, switchYear, yearsWithEnded, type PeriodKind } from './periods';

const KINDS: PeriodKind[] = ['year', 'quarter', 'month'];

/** 报送期间: 年度 / 季度 / 月份, then the year and the quarter or month — only periods that have ended. */
export function PeriodPicker(props: { value: string; onChange(label: string): void; disabled?: boolean }) {
  const { t } = useT();
  const today = localDate();
  const current = parsePeriodLabel(props.value) ?? { kind: 'year' as const, year: Number(today.slice(0, 4)) - 1, part: 0 };
  const years = yearsWithEnded(current.kind, today);
  const parts = endedParts(current.kind, current.year, today);

  return (
    <Stack gap={4}>
      <Text size="sm" fw={500} id="period-kind-label">
        {t('bundles.period')}
      </Text>
      <Group gap="sm" align="flex-end" wrap="wrap">
        <SegmentedControl
          aria-labelledby="period-kind-label"
          value={current.kind}
          onChange={(kind) => props.onChange(switchKind(props.value, kind as PeriodKind, today))}
          data={KINDS.map((k) => ({ value: k, label: t(`period.kind.${k}`) }))}
          disabled={props.disabled}
        />
        <Select
          aria-label={t('period.yearLabel')}
          data={years.map((y) => ({ value: String(y), label: t('period.yearOption', { year: y }) }))}
          value={String(current.year)}
          onChange={(v) => v && props.onChange(switchYear(props.value, Number(v), today))}
          allowDeselect={false}
          w={110}
          maxDropdownHeight={320}
          disabled={props.disabled}
        />
        {current.kind !== 'year' && (
          <Select
            aria-label={t(current.kind === 'quarter' ? 'period.quarterLabel' : 'period.monthLabel')}
            data={parts.map((p) => ({
              value: String(p),
              label: current.kind === 'quarter' ? t(`period.q${p as 1 | 2 | 3 | 4}`) : t('period.monthOption', { month: p }),
            }))}
            value={String(current.part)}
            onChange={(v) => v && props.onChange(periodLabelOf(current.kind, current.year, Number(v)))}
            allowDeselect={false}
            w={130}
            maxDropdownHeight={320}
            disabled={props.disabled}
          />
        )}
      </Group>
    </Stack>
  );
}
