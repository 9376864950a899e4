import { Loader, Stack, Text } from '@mantine/core';
import { useEffect, useMemo, useState } from 'react';
import { call } from '../client';
import type { DivisionItem, OfficeInfo } from '../contract';
import { useT, type MessageKey } from '../i18n';
import { DivisionSelect } from './DivisionSelect';

type Level = 'county' | 'town' | 'village';
const LABELS: Record<Level, MessageKey> = {
  county: 'hukou.county',
  town: 'hukou.town',
  village: 'hukou.village',
};

/** The levels a clerk picks below the office's own division. */
function levelsBelow(office: OfficeInfo): Level[] {
  return office.mode === 'county' ? ['town', 'village'] : ['county', 'town', 'village'];
}

/**
 * 户籍地 as cascading selects below the office's division (county office: town → village; city
 * office: county → town → village). The value is the deepest division chosen.
 */
export function HukouSelect(props: {
  office: OfficeInfo;
  value: string | null;
  /** Display name of the current value (from the record) for when it lies outside the office's area. */
  valueName?: string;
  onChange(code: string | null): void;
  readOnly?: boolean;
  error?: string;
}) {
  const { t } = useT();
  const levels = useMemo(() => levelsBelow(props.office), [props.office]);
  const [chain, setChain] = useState<(string | null)[] | null>(props.value ? null : levels.map(() => null));
  const [outside, setOutside] = useState<DivisionItem[] | null>(null);

  // An existing value: find its town/village through divisions.ancestry to fill the selects.
  useEffect(() => {
    if (chain !== null || !props.value) return;
    let live = true;
    call('divisions.ancestry', { code: props.value }).then(
      (ancestry) => {
        if (!live) return;
        const at = ancestry.findIndex((d) => d.code === props.office.divisionCode);
        if (at < 0) {
          setOutside(ancestry);
          setChain(levels.map(() => null));
          return;
        }
        const below = ancestry.slice(at + 1);
        setChain(levels.map((_, i) => below[i]?.code ?? null));
      },
      () => live && setChain(levels.map(() => null)),
    );
    return () => {
      live = false;
    };
  }, [chain, props.value, props.office.divisionCode, levels]);

  if (chain === null) {
    return (
      <Stack gap={4}>
        <Text size="sm" fw={500}>
          {t('hukou.label')}
        </Text>
        <Loader size="sm" />
      </Stack>
    );
  }

  const choose = (index: number, code: string | null) => {
    const next = chain.map((c, i) => (i < index ? c : i === index ? code : null));
    setChain(next);
    setOutside(null);
    const deepest = [...next].reverse().find((c) => c !== null) ?? null;
    props.onChange(deepest);
  };

  const lastChosen = [...chain].reverse().findIndex((c) => c !== null);
  const errorIndex = lastChosen < 0 ? 0 : chain.length - 1 - lastChosen;

  return (
    <Stack gap="xs">
      {outside && props.value && (
        <Text size="sm" c="orange.8">
          {t('hukou.outside', { name: props.valueName || outside.map((d) => d.name).join('') || props.value })}
        </Text>
      )}
      {levels.map((level, i) => (
        <DivisionSelect
          key={level}
          label={t(LABELS[level])}
          parent={i === 0 ? props.office.divisionCode : (chain[i - 1] ?? undefined)}
          value={chain[i] ?? null}
          onChange={(code) => choose(i, code)}
          readOnly={props.readOnly}
          clearable={!props.readOnly}
          placeholder={props.readOnly ? '' : i === 0 ? t('division.choose') : t('division.chooseOptional')}
          error={i === errorIndex ? props.error : undefined}
        />
      ))}
    </Stack>
  );
}
