import { Badge, Button, Group, Modal, Select, SimpleGrid, Stack, Switch, Text, TextInput } from '@mantine/core';
import { useRef, useState, type FormEvent } from 'react';
import { call } from '../../client';
import { FormProblems } from '../../components/FormProblems';
import { clientError, useFormErrors } from '../../components/form-errors';
import { requiredLabel } from '../../components/required-label';
import { ITEM_CATEGORIES, type ItemCategory, type LedgerError, type RenovationItem } from '../../contract';
import { useT } from '../../i18n';
import { fenToYuanInput, formatFen, parseYuan } from '../../money';
import { useLockAwareOverlay } from '../../session/session-context';
import { itemCategoryLabel, options } from '../renovations/renovation-labels';
import { focusField } from '../stations/StationForm';

const LOCKED_ON = {
  track: { backgroundColor: 'var(--mantine-primary-color-filled)', borderColor: 'var(--mantine-primary-color-filled)', opacity: 0.6 },
  thumb: { backgroundColor: 'var(--mantine-color-white)', borderColor: 'var(--mantine-color-white)' },
  label: { color: 'var(--mantine-color-text)' },
} as const;

const FIELDS = ['item.name', 'item.category', 'item.subsidised', 'item.unit', 'item.referencePriceFen', 'item.active'] as const;
type Field = (typeof FIELDS)[number];

/** An item as the update request wants it (everything the form edits). */
export function itemInputOf(item: RenovationItem) {
  return {
    name: item.name,
    category: item.category,
    subsidised: item.subsidised,
    unit: item.unit,
    referencePriceFen: item.referencePriceFen,
    active: item.active,
  };
}

/** 新增本地项目 / 修改项目 (administrators), in a modal over the catalogue. */
export function ItemModal(props: {
  opened: boolean;
  item: RenovationItem | null;
  onClose(): void;
  /** After a version conflict: close and load the catalogue again. */
  onReload(): void;
  onSaved(item: RenovationItem, created: boolean): void;
}) {
  const { t } = useT();
  const overlay = useLockAwareOverlay(props.opened);
  return (
    <Modal
      {...overlay}
      onClose={props.onClose}
      size="lg"
      centered
      title={<Text fw={700}>{props.item ? t('renoItem.editTitle', { name: props.item.name }) : t('renoItem.addTitle')}</Text>}
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      {props.opened && <ItemForm item={props.item} onClose={props.onClose} onReload={props.onReload} onSaved={props.onSaved} />}
    </Modal>
  );
}

function ItemForm({
  item,
  onClose,
  onReload,
  onSaved,
}: {
  item: RenovationItem | null;
  onClose(): void;
  onReload(): void;
  onSaved(item: RenovationItem, created: boolean): void;
}) {
  const { t } = useT();
  const [name, setName] = useState(item?.name ?? '');
  const [category, setCategory] = useState<ItemCategory | null>(item?.category ?? null);
  const [unit, setUnit] = useState(item?.unit ?? '');
  const [price, setPrice] = useState(fenToYuanInput(item?.referencePriceFen));
  // A new local item is subsidised unless the administrator says otherwise (emergency call devices usually are).
  const [subsidised, setSubsidised] = useState(item?.subsidised ?? true);
  const [active, setActive] = useState(item?.active ?? true);
  const [saving, setSaving] = useState(false);
  const errors = useFormErrors(FIELDS);
  const formRef = useRef<HTMLFormElement>(null);
  const basic = item?.basic ?? false;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (saving) return;
    errors.setGeneral(null);
    const found: Partial<Record<Field, LedgerError>> = {};
    if (!name.trim()) found['item.name'] = clientError('REQUIRED', 'item.name');
    if (!category) found['item.category'] = clientError('REQUIRED', 'item.category');
    if (!unit.trim()) found['item.unit'] = clientError('REQUIRED', 'item.unit');
    const parsed = parseYuan(price);
    if (!parsed.ok) found['item.referencePriceFen'] = clientError('INVALID_INPUT', 'item.referencePriceFen');
    errors.setFieldErrors(found);
    const first = FIELDS.find((f) => found[f]);
    if (first || !category || !parsed.ok) return focusField(formRef.current, first ?? 'item.name');
    setSaving(true);
    try {
      const input = { name: name.trim(), category, unit: unit.trim(), referencePriceFen: parsed.fen, subsidised: basic || subsidised, active };
      const saved = item
        ? await call('renovationItems.update', { id: item.id, version: item.version, item: input })
        : await call('renovationItems.create', { item: input });
      onSaved(saved, !item);
    } catch (error) {
      const field = errors.capture(error);
      if (field) focusField(formRef.current, field);
    } finally {
      setSaving(false);
    }
  };

  const parsedPrice = parseYuan(price);
  return (
    <form ref={formRef} onSubmit={(e) => void submit(e)} noValidate aria-label={item ? t('renoItem.editTitle', { name: item.name }) : t('renoItem.addTitle')}>
      <Stack gap="sm">
        <FormProblems general={errors.general} onCloseGeneral={() => errors.setGeneral(null)} onReload={item ? onReload : undefined} />
        {item && (
          <Group gap="xs">
            <Badge variant="outline" color="gray" className="badge-full">
              {t('renoItem.codeIs', { code: item.code })}
            </Badge>
            {item.basic && (
              <Badge variant="light" color="ledger" className="badge-full">
                {t('renoItem.basic')}
              </Badge>
            )}
            {item.local && (
              <Badge variant="outline" color="grape" className="badge-full">
                {t('renoItem.local')}
              </Badge>
            )}
          </Group>
        )}
        {!item && (
          <Text size="sm" c="dimmed">
            {t('renoItem.addHelp')}
          </Text>
        )}
        <SimpleGrid cols={2}>
          <TextInput
            label={t('renoItem.name')}
            value={name}
            onChange={(e) => {
              setName(e.currentTarget.value);
              errors.setFieldError('item.name', null);
            }}
            error={errors.errorFor('item.name')}
            labelProps={requiredLabel(true)}
            maxLength={40}
            data-autofocus
            data-field="item.name"
          />
          <Select
            label={t('renoItem.category')}
            placeholder={t('renoItem.categoryPlaceholder')}
            data={options(ITEM_CATEGORIES, (v) => itemCategoryLabel(t, v))}
            value={category}
            onChange={(v) => {
              setCategory(v as ItemCategory | null);
              errors.setFieldError('item.category', null);
            }}
            error={errors.errorFor('item.category')}
            labelProps={requiredLabel(true)}
            allowDeselect={false}
            data-field="item.category"
          />
        </SimpleGrid>
        <SimpleGrid cols={2}>
          <TextInput
            label={t('renoItem.unit')}
            description={t('renoItem.unitHelp')}
            value={unit}
            onChange={(e) => {
              setUnit(e.currentTarget.value);
              errors.setFieldError('item.unit', null);
            }}
            error={errors.errorFor('item.unit')}
            labelProps={requiredLabel(true)}
            maxLength={10}
            data-field="item.unit"
          />
          <TextInput
            label={t('renoItem.referencePrice')}
            description={parsedPrice.ok && parsedPrice.fen !== null ? t('money.reads', { amount: formatFen(parsedPrice.fen) }) : t('renoItem.referencePriceHelp')}
            value={price}
            onChange={(e) => {
              setPrice(e.currentTarget.value);
              errors.setFieldError('item.referencePriceFen', null);
            }}
            error={errors.errorFor('item.referencePriceFen') ?? (!parsedPrice.ok ? t('money.invalid') : undefined)}
            inputMode="decimal"
            maxLength={12}
            rightSection={
              <Text size="sm" c="dimmed">
                {t('money.yuan')}
              </Text>
            }
            data-field="item.referencePriceFen"
          />
        </SimpleGrid>
        <Switch
          label={t('renoItem.subsidisedSwitch')}
          description={basic ? t('renoItem.basicLocked') : t('renoItem.subsidisedHelp')}
          checked={basic || subsidised}
          onChange={(e) => {
            if (basic) return;
            setSubsidised(e.currentTarget.checked);
            errors.setFieldError('item.subsidised', null);
          }}
          disabled={basic}
          // Mantine greys a disabled switch whatever its state: keep a locked "on" reading as on.
          styles={basic ? LOCKED_ON : undefined}
          error={errors.errorFor('item.subsidised')}
          data-field="item.subsidised"
        />
        <Switch
          label={t('renoItem.activeSwitch')}
          description={t('renoItem.activeHelp')}
          checked={active}
          onChange={(e) => {
            setActive(e.currentTarget.checked);
            errors.setFieldError('item.active', null);
          }}
          error={errors.errorFor('item.active')}
          data-field="item.active"
        />
        <Group justify="flex-end" mt="xs">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={saving}>
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
