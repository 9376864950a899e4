import { ActionIcon, Alert, Badge, Button, Checkbox, Group, Paper, Select, SimpleGrid, Stack, Table, Text, TextInput, Tooltip } from '@mantine/core';
import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { call } from '../../client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FormProblems } from '../../components/FormProblems';
import { NumberField } from '../../components/NumberField';
import { useFormErrors } from '../../components/form-errors';
import { ITEM_CATEGORIES, type CaseSaved, type PlanLine, type PlanSummary, type RenovationCase, type RenovationItem } from '../../contract';
import { useT } from '../../i18n';
import { formatFen } from '../../money';
import { useCan } from '../../session/session-context';
import {
  checkLines,
  emptyLine,
  lineAmountFen,
  linesChanged,
  linesOf,
  liveSummary,
  planFields,
  subsidyChoice,
  toPlanInput,
  withItem,
  type LineValues,
} from './plan-values';
import { itemCategoryLabel } from './renovation-labels';

/** The catalogue (tens of items: one call), inactive items included so old lines still read. */
function useCatalogue() {
  const [items, setItems] = useState<RenovationItem[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    let live = true;
    call('renovationItems.list', { includeInactive: true }).then(
      (loaded) => live && setItems(loaded),
      (caught: unknown) => live && setError(caught),
    );
    return () => {
      live = false;
    };
  }, []);
  const byId = useMemo(() => new Map((items ?? []).map((i) => [i.id, i])), [items]);
  return { items, byId, error };
}

/**
 * 改造方案（一户一策）: lines of catalogue items with quantity and unit price, paid by the subsidy or
 * by the household, and the money against the plan year's per-household cap as the clerk types.
 * Read-only once the plan is signed (and for viewers).
 */
export function PlanEditor(props: { kase: RenovationCase; onSaved(saved: CaseSaved): void; onReload(): void }) {
  const { t } = useT();
  const can = useCan();
  const { kase } = props;
  const catalogue = useCatalogue();
  const editable = kase.plan.editable && can.edit;
  const [lines, setLines] = useState<LineValues[]>(() => linesOf(kase.plan.lines));
  const [saving, setSaving] = useState(false);
  const fields = useMemo(() => planFields(lines.length), [lines.length]);
  const errors = useFormErrors(fields);
  const dirty = editable && linesChanged(lines, kase.plan.lines);
  const capFen = kase.plan.summary.capFen;
  const summary = editable ? liveSummary(lines, capFen) : kase.plan.summary;

  const update = (index: number, patch: (line: LineValues) => LineValues, ...touched: string[]) => {
    setLines((all) => all.map((line, i) => (i === index ? patch(line) : line)));
    for (const k of touched) errors.setFieldError(`lines.${index}.${k}`, null);
    errors.setFieldError('lines', null);
  };
  const remove = (index: number) => {
    setLines((all) => all.filter((_, i) => i !== index));
    // Errors are kept by position: after a removal they would sit on the wrong line.
    errors.clear();
  };

  const save = async () => {
    if (saving) return;
    errors.setGeneral(null);
    const found = checkLines(lines);
    errors.setFieldErrors(found);
    if (Object.keys(found).length > 0) return;
    setSaving(true);
    try {
      const saved = await call('renovations.savePlan', { id: kase.id, version: kase.version, lines: toPlanInput(lines) });
      errors.clear();
      props.onSaved(saved);
    } catch (error) {
      errors.capture(error);
    } finally {
      setSaving(false);
    }
  };

  const options = useMemo(() => {
    const used = new Set(lines.map((l) => l.itemId));
    return ITEM_CATEGORIES.map((category) => ({
      group: itemCategoryLabel(t, category),
      items: (catalogue.items ?? [])
        .filter((i) => i.category === category && (i.active || used.has(i.id)))
        .map((i) => ({ value: i.id, label: i.name })),
    })).filter((g) => g.items.length > 0);
  }, [catalogue.items, lines, t]);

  const lockedNote = !kase.plan.editable
    ? t('renovations.plan.locked')
    : !can.edit
      ? t('person.readOnlyNote')
      : null;

  return (
    <Stack gap="md">
      <ErrorAlert error={catalogue.error} />
      {editable && <FormProblems general={errors.general} onCloseGeneral={() => errors.setGeneral(null)} onReload={props.onReload} />}
      {lockedNote && (
        <Alert color="gray" variant="light" data-testid="plan-locked">
          <Text size="sm">{lockedNote}</Text>
        </Alert>
      )}

      {editable ? (
        <EditTable
          lines={lines}
          catalogue={catalogue.byId}
          options={options}
          errorFor={(field) => errors.errorFor(field)}
          update={update}
          remove={remove}
        />
      ) : (
        <ReadTable lines={kase.plan.lines} />
      )}
      {errors.errorFor('lines') && (
        <Text size="sm" c="red" role="alert">
          {errors.errorFor('lines')}
        </Text>
      )}

      {editable && (
        <Group justify="space-between">
          <Button variant="light" onClick={() => setLines((all) => [...all, emptyLine()])} disabled={lines.length >= 60}>
            {t('renovations.plan.addLine')}
          </Button>
          <Group gap="xs">
            {dirty && (
              <>
                <Text size="sm" c="orange.8" data-testid="plan-dirty">
                  {t('renovations.plan.unsaved')}
                </Text>
                <Button
                  variant="default"
                  onClick={() => {
                    setLines(linesOf(kase.plan.lines));
                    errors.clear();
                  }}
                >
                  {t('renovations.plan.discard')}
                </Button>
              </>
            )}
            <Button onClick={() => void save()} loading={saving} disabled={!dirty}>
              {t('renovations.plan.save')}
            </Button>
          </Group>
        </Group>
      )}

      <SummaryCard summary={summary} planYear={kase.planYear} live={editable && dirty} />
    </Stack>
  );
}

type Options = { group: string; items: { value: string; label: string }[] }[];

function EditTable(props: {
  lines: LineValues[];
  catalogue: Map<string, RenovationItem>;
  options: Options;
  errorFor(field: string): string | undefined;
  update(index: number, patch: (line: LineValues) => LineValues, ...touched: string[]): void;
  remove(index: number): void;
}) {
  const { t } = useT();
  const { lines, catalogue } = props;
  return (
    <Table.ScrollContainer minWidth={760}>
      <Table withTableBorder verticalSpacing={6} bg="white" aria-label={t('renovations.tab.plan')} className="plan-table">
        <Table.Thead className="nowrap-head">
          <Table.Tr>
            <Table.Th w={36}>#</Table.Th>
            <Table.Th>{t('renovations.plan.item')}</Table.Th>
            <Table.Th w={80}>{t('renovations.plan.quantity')}</Table.Th>
            <Table.Th w={120}>{t('renovations.plan.unitPrice')}</Table.Th>
            <Table.Th w={64}>{t('renovations.plan.subsidised')}</Table.Th>
            <Table.Th w={110} ta="right">
              {t('renovations.plan.amount')}
            </Table.Th>
            <Table.Th w={150}>{t('renovations.plan.note')}</Table.Th>
            <Table.Th w={48} />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {lines.length === 0 && (
            <Table.Tr>
              <Table.Td colSpan={8}>
                <Text c="dimmed" ta="center" py="md" size="sm">
                  {t('renovations.plan.empty')}
                </Text>
              </Table.Td>
            </Table.Tr>
          )}
          {lines.map((line, i) => {
            const item = line.itemId ? catalogue.get(line.itemId) : undefined;
            const choice = subsidyChoice(item);
            const amount = lineAmountFen(line);
            const at = (k: string) => `lines.${i}.${k}`;
            return (
              <Table.Tr key={line.key} data-testid="plan-line">
                <Table.Td c="dimmed" className="plan-cell-text">
                  {i + 1}
                </Table.Td>
                <Table.Td>
                  <Select
                    aria-label={t('renovations.plan.itemOf', { n: i + 1 })}
                    placeholder={t('renovations.plan.itemPlaceholder')}
                    data={props.options}
                    value={line.itemId}
                    onChange={(v) => props.update(i, (l) => withItem(l, v ? catalogue.get(v) : undefined), 'itemId', 'subsidised', 'unitPriceFen')}
                    error={props.errorFor(at('itemId'))}
                    searchable
                    allowDeselect={false}
                    maxDropdownHeight={360}
                    nothingFoundMessage={t('remote.nothingFound')}
                    renderOption={({ option }) => <ItemOption item={catalogue.get(option.value)} label={option.label} />}
                    data-field={at('itemId')}
                  />
                  {item && (
                    <Text size="xs" c="dimmed" mt={2}>
                      {t('renovations.plan.itemDetail', {
                        unit: item.unit,
                        who: item.basic ? t('renovations.plan.basic') : item.subsidised ? t('renovations.plan.subsidisable') : t('renovations.plan.householdPaid'),
                      })}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>
                  <NumberField
                    aria-label={t('renovations.plan.quantityOf', { n: i + 1 })}
                    value={line.quantity}
                    onChange={(v) => props.update(i, (l) => ({ ...l, quantity: v }), 'quantity')}
                    error={props.errorFor(at('quantity'))}
                    maxLength={4}
                    data-field={at('quantity')}
                  />
                </Table.Td>
                <Table.Td>
                  <TextInput
                    aria-label={t('renovations.plan.unitPriceOf', { n: i + 1 })}
                    value={line.unitPrice}
                    onChange={(e) => {
                      const v = e.currentTarget.value;
                      props.update(i, (l) => ({ ...l, unitPrice: v }), 'unitPriceFen');
                    }}
                    error={props.errorFor(at('unitPriceFen'))}
                    inputMode="decimal"
                    autoComplete="off"
                    maxLength={12}
                    rightSection={<Text size="xs" c="dimmed">{t('money.yuan')}</Text>}
                    data-field={at('unitPriceFen')}
                  />
                </Table.Td>
                <Table.Td>
                  <Tooltip label={t(choice === 'fixed-yes' ? 'renovations.plan.basicAlways' : choice === 'fixed-no' ? 'renovations.plan.notSubsidisable' : 'renovations.plan.mayChoose')} multiline maw={260}>
                    <span>
                      <Checkbox
                        aria-label={t('renovations.plan.subsidisedOf', { n: i + 1 })}
                        checked={line.subsidised}
                        onChange={(e) => {
                          const checked = e.currentTarget.checked;
                          props.update(i, (l) => ({ ...l, subsidised: checked }), 'subsidised');
                        }}
                        disabled={choice !== 'free'}
                        error={props.errorFor(at('subsidised'))}
                        mt={6}
                        data-field={at('subsidised')}
                      />
                    </span>
                  </Tooltip>
                </Table.Td>
                <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }} className="plan-cell-text" data-testid="line-amount">
                  {amount === null ? <Text span c="dimmed">—</Text> : formatFen(amount)}
                </Table.Td>
                <Table.Td>
                  <TextInput
                    aria-label={t('renovations.plan.noteOf', { n: i + 1 })}
                    value={line.note}
                    onChange={(e) => {
                      const v = e.currentTarget.value;
                      props.update(i, (l) => ({ ...l, note: v }), 'note');
                    }}
                    error={props.errorFor(at('note'))}
                    maxLength={200}
                    data-field={at('note')}
                  />
                </Table.Td>
                <Table.Td>
                  <ActionIcon variant="subtle" color="red" onClick={() => props.remove(i)} aria-label={t('renovations.plan.removeLine', { n: i + 1 })} mt={4}>
                    ✕
                  </ActionIcon>
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function ItemOption({ item, label }: { item: RenovationItem | undefined; label: string }) {
  const { t } = useT();
  return (
    <Group gap={6} wrap="nowrap" justify="space-between" w="100%">
      <Text size="sm">{label}</Text>
      {item && (
        <Group gap={4} wrap="nowrap">
          <Text size="xs" c="dimmed">
            {item.unit}
          </Text>
          <Badge size="xs" variant="light" color={item.subsidised ? 'teal' : 'gray'} className="badge-full">
            {item.basic ? t('renovations.plan.basic') : item.subsidised ? t('renovations.plan.subsidisable') : t('renovations.plan.householdPaid')}
          </Badge>
        </Group>
      )}
    </Group>
  );
}

/** The signed (or viewer's) plan: the saved lines, with how many "after" photos each has. */
function ReadTable({ lines }: { lines: PlanLine[] }) {
  const { t } = useT();
  return (
    <Table.ScrollContainer minWidth={700}>
      <Table withTableBorder striped verticalSpacing="xs" bg="white" aria-label={t('renovations.tab.plan')}>
        <Table.Thead className="nowrap-head">
          <Table.Tr>
            <Table.Th w={36}>#</Table.Th>
            <Table.Th>{t('renovations.plan.item')}</Table.Th>
            <Table.Th>{t('renovations.plan.quantity')}</Table.Th>
            <Table.Th ta="right">{t('renovations.plan.unitPrice')}</Table.Th>
            <Table.Th>{t('renovations.plan.paidBy')}</Table.Th>
            <Table.Th ta="right">{t('renovations.plan.amount')}</Table.Th>
            <Table.Th>{t('renovations.plan.afterPhotos')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {lines.length === 0 && (
            <Table.Tr>
              <Table.Td colSpan={7}>
                <Text c="dimmed" ta="center" py="md" size="sm">
                  {t('renovations.plan.none')}
                </Text>
              </Table.Td>
            </Table.Tr>
          )}
          {lines.map((line, i) => (
            <Table.Tr key={line.id} data-testid="plan-line">
              <Table.Td c="dimmed">{i + 1}</Table.Td>
              <Table.Td>
                {line.itemName}
                <Text span size="xs" c="dimmed" ml={6}>
                  {itemCategoryLabel(t, line.itemCategory)}
                </Text>
                {line.note && (
                  <Text size="xs" c="dimmed">
                    {line.note}
                  </Text>
                )}
              </Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>
                {line.quantity} {line.unit}
              </Table.Td>
              <Table.Td ta="right">{formatFen(line.unitPriceFen)}</Table.Td>
              <Table.Td>
                <Badge size="sm" variant="light" color={line.subsidised ? 'teal' : 'gray'} className="badge-full">
                  {line.subsidised ? t('renovations.plan.bySubsidy') : t('renovations.plan.byHousehold')}
                </Badge>
              </Table.Td>
              <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
                {formatFen(line.amountFen)}
              </Table.Td>
              <Table.Td>
                {line.subsidised ? (
                  <Text span size="sm" c={line.afterPhotos > 0 ? undefined : 'orange.8'} fw={line.afterPhotos > 0 ? undefined : 600}>
                    {line.afterPhotos > 0 ? t('renovations.plan.photoCount', { count: line.afterPhotos }) : t('renovations.plan.noAfterPhoto')}
                  </Text>
                ) : (
                  <Text span size="sm" c="dimmed">
                    {line.afterPhotos > 0 ? t('renovations.plan.photoCount', { count: line.afterPhotos }) : '—'}
                  </Text>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function Row(props: { label: string; value: ReactNode; strong?: boolean; highlight?: boolean; testId: string; help?: string }) {
  return (
    <Group
      justify="space-between"
      wrap="nowrap"
      px="sm"
      py={6}
      className={props.highlight ? 'plan-over-cap' : undefined}
      data-testid={props.testId}
      style={{ borderRadius: 4 }}
    >
      <Stack gap={0}>
        <Text size="sm" fw={props.strong || props.highlight ? 700 : 400}>
          {props.label}
        </Text>
        {props.help && (
          <Text size="xs" c={props.highlight ? 'red.8' : 'dimmed'}>
            {props.help}
          </Text>
        )}
      </Stack>
      <Text size="sm" fw={props.strong || props.highlight ? 700 : 500} style={{ whiteSpace: 'nowrap' }} data-testid={`${props.testId}-value`}>
        {props.value}
      </Text>
    </Group>
  );
}

/** 补助项目合计 → 每户上限 → 补助金额, and what falls to the household (the excess over the cap in red). */
function SummaryCard({ summary, planYear, live }: { summary: PlanSummary; planYear: number; live: boolean }) {
  const { t } = useT();
  const yuan = (fen: number) => `${formatFen(fen)} ${t('money.yuan')}`;
  return (
    <Paper withBorder p="sm" radius="md" bg="white" data-testid="plan-summary">
      <Group justify="space-between" mb={4}>
        <Text fw={700}>{t('renovations.plan.summary')}</Text>
        {live && (
          <Text size="xs" c="dimmed">
            {t('renovations.plan.liveNote')}
          </Text>
        )}
      </Group>
      {summary.capFen === null && (
        <Alert color="orange" variant="light" p="xs" mb="xs">
          <Text size="sm">{t('renovations.plan.noCap', { year: planYear })}</Text>
        </Alert>
      )}
      <SimpleGrid cols={2} spacing="md">
        <Stack gap={2}>
          <Row testId="sum-subsidised-lines" label={t('renovations.plan.subsidisedLines')} value={yuan(summary.subsidisedLinesFen)} />
          <Row
            testId="sum-cap"
            label={t('renovations.plan.cap')}
            value={summary.capFen === null ? t('renovations.plan.capNotSet') : yuan(summary.capFen)}
            help={t('renovations.plan.capHelp', { year: planYear })}
          />
          <Row testId="sum-subsidy" label={t('renovations.plan.subsidy')} value={yuan(summary.subsidyFen)} strong />
        </Stack>
        <Stack gap={2}>
          <Row
            testId="sum-over-cap"
            label={t('renovations.plan.overCap')}
            value={yuan(summary.overCapFen)}
            highlight={summary.overCapFen > 0}
            help={summary.overCapFen > 0 ? t('renovations.plan.overCapHelp') : undefined}
          />
          <Row testId="sum-household-lines" label={t('renovations.plan.householdLines')} value={yuan(summary.householdLinesFen)} />
          <Row testId="sum-household" label={t('renovations.plan.household')} value={yuan(summary.householdFen)} strong />
        </Stack>
      </SimpleGrid>
      <Group justify="flex-end" mt="xs" pt="xs" style={{ borderTop: '1px solid var(--mantine-color-gray-3)' }}>
        <Row testId="sum-total" label={t('renovations.plan.total')} value={yuan(summary.totalFen)} strong />
      </Group>
    </Paper>
  );
}
