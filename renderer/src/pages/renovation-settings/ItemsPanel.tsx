import { Alert, Badge, Button, Group, Loader, Stack, Table, Text } from '@mantine/core';
import { Fragment, useCallback, useEffect, useMemo, useState } from 'react';
import { call } from '../../client';
import { ConfirmModal } from '../../components/ConfirmModal';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ITEM_CATEGORIES, type ItemCategory, type RenovationItem } from '../../contract';
import { useT } from '../../i18n';
import { formatFen } from '../../money';
import { useCan } from '../../session/session-context';
import { itemCategoryLabel } from '../renovations/renovation-labels';
import { ItemModal, itemInputOf } from './ItemForm';

/** The catalogue in the order the main side keeps it, one group per category (empty ones left out). */
function byCategory(items: RenovationItem[]): [ItemCategory, RenovationItem[]][] {
  return ITEM_CATEGORIES.map((c) => [c, items.filter((i) => i.category === c)] as [ItemCategory, RenovationItem[]]).filter(([, list]) => list.length > 0);
}

/** 改造项目目录: the national list and local items by category (everyone); adding, editing, (de)activating (administrators). */
export function ItemsPanel() {
  const { t } = useT();
  const can = useCan();
  const [items, setItems] = useState<RenovationItem[] | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [editing, setEditing] = useState<{ item: RenovationItem | null; open: boolean } | null>(null);
  const [deactivating, setDeactivating] = useState<RenovationItem | null>(null);
  const [busy, setBusy] = useState(false);
  const [actionError, setActionError] = useState<unknown>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const load = useCallback(() => {
    call('renovationItems.list', { includeInactive: true }).then(setItems, setLoadError);
  }, []);
  useEffect(load, [load]);

  const groups = useMemo(() => byCategory(items ?? []), [items]);
  const inactive = items?.filter((i) => !i.active).length ?? 0;

  const setActive = async (item: RenovationItem, active: boolean) => {
    setBusy(true);
    setActionError(null);
    setNotice(null);
    try {
      const saved = await call('renovationItems.update', { id: item.id, version: item.version, item: { ...itemInputOf(item), active } });
      setNotice(t(active ? 'renoItem.reactivated' : 'renoItem.deactivated', { name: saved.name }));
      load();
    } catch (error) {
      setActionError(error);
      load();
    } finally {
      setBusy(false);
      setDeactivating(null);
    }
  };

  const columns = can.admin ? 7 : 6;
  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <Text size="sm" c="dimmed" maw={820}>
          {t('renoItem.intro')}
        </Text>
        {can.admin && (
          <Button onClick={() => setEditing({ item: null, open: true })} style={{ flex: 'none' }}>
            {t('renoItem.add')}
          </Button>
        )}
      </Group>
      {notice && (
        <Alert color="green" variant="light" role="status" withCloseButton closeButtonLabel={t('common.close')} onClose={() => setNotice(null)}>
          {notice}
        </Alert>
      )}
      <ErrorAlert error={actionError} onClose={() => setActionError(null)} />
      <ErrorAlert error={loadError} />
      {!items && !loadError && (
        <Group justify="center" py="xl">
          <Loader />
        </Group>
      )}
      {items && (
        <Text size="sm" c="dimmed" data-testid="items-total">
          {t('renoItem.total', { count: items.length, inactive })}
        </Text>
      )}
      {items && (
        <Table.ScrollContainer minWidth={860}>
          <Table withTableBorder verticalSpacing={6} bg="white" aria-label={t('renoSettings.tab.items')}>
            <Table.Thead className="nowrap-head">
              <Table.Tr>
                <Table.Th w={70}>{t('renoItem.code')}</Table.Th>
                <Table.Th>{t('renoItem.name')}</Table.Th>
                <Table.Th>{t('renoItem.payer')}</Table.Th>
                <Table.Th>{t('renoItem.unit')}</Table.Th>
                <Table.Th ta="right">{t('renoItem.referencePriceYuan')}</Table.Th>
                <Table.Th>{t('renoItem.status')}</Table.Th>
                {can.admin && <Table.Th>{t('common.actions')}</Table.Th>}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {groups.map(([category, list]) => (
                <Fragment key={category}>
                  <Table.Tr bg="gray.0">
                    <Table.Th colSpan={columns} scope="colgroup">
                      {itemCategoryLabel(t, category)}
                      <Text span size="xs" c="dimmed" fw={400} ml="xs">
                        {t('renoItem.groupCount', { count: list.length })}
                      </Text>
                    </Table.Th>
                  </Table.Tr>
                  {list.map((item) => (
                    <Table.Tr key={item.id} data-testid="item-row" c={item.active ? undefined : 'dimmed'}>
                      <Table.Td className="money">{item.code}</Table.Td>
                      <Table.Td>
                        <Group gap={6} wrap="nowrap">
                          <Text size="sm" td={item.active ? undefined : 'line-through'}>
                            {item.name}
                          </Text>
                          {item.basic && (
                            <Badge size="sm" variant="light" color="ledger" className="badge-full">
                              {t('renoItem.basic')}
                            </Badge>
                          )}
                          {item.local && (
                            <Badge size="sm" variant="outline" color="grape" className="badge-full">
                              {t('renoItem.local')}
                            </Badge>
                          )}
                        </Group>
                      </Table.Td>
                      <Table.Td>
                        <Badge size="sm" variant="light" color={item.subsidised ? 'green' : 'gray'} className="badge-full">
                          {item.subsidised ? t('renoItem.subsidised') : t('renoItem.householdPaid')}
                        </Badge>
                      </Table.Td>
                      <Table.Td>{item.unit}</Table.Td>
                      <Table.Td ta="right" className="money">
                        {item.referencePriceFen === null ? (
                          <Text span inherit c="dimmed">
                            —
                          </Text>
                        ) : (
                          formatFen(item.referencePriceFen)
                        )}
                      </Table.Td>
                      <Table.Td>
                        <Badge size="sm" variant="dot" color={item.active ? 'green' : 'gray'} className="badge-full">
                          {item.active ? t('renoItem.active') : t('renoItem.inactive')}
                        </Badge>
                      </Table.Td>
                      {can.admin && (
                        <Table.Td>
                          <Group gap={4} wrap="nowrap">
                            <Button
                              size="compact-sm"
                              variant="subtle"
                              onClick={() => setEditing({ item, open: true })}
                              aria-label={t('renoItem.editOf', { name: item.name })}
                            >
                              {t('common.edit')}
                            </Button>
                            {item.active ? (
                              <Button
                                size="compact-sm"
                                variant="subtle"
                                color="gray"
                                disabled={busy}
                                onClick={() => setDeactivating(item)}
                                aria-label={t('renoItem.deactivateOf', { name: item.name })}
                              >
                                {t('renoItem.deactivate')}
                              </Button>
                            ) : (
                              <Button
                                size="compact-sm"
                                variant="subtle"
                                disabled={busy}
                                onClick={() => void setActive(item, true)}
                                aria-label={t('renoItem.reactivateOf', { name: item.name })}
                              >
                                {t('renoItem.reactivate')}
                              </Button>
                            )}
                          </Group>
                        </Table.Td>
                      )}
                    </Table.Tr>
                  ))}
                </Fragment>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <ItemModal
        opened={!!editing?.open}
        item={editing?.item ?? null}
        onClose={() => setEditing((e) => e && { ...e, open: false })}
        onReload={() => {
          setEditing((e) => e && { ...e, open: false });
          load();
        }}
        onSaved={(saved, created) => {
          setEditing((e) => e && { ...e, open: false });
          setActionError(null);
          setNotice(t(created ? 'renoItem.created' : 'renoItem.saved', { name: saved.name, code: saved.code }));
          load();
        }}
      />
      <ConfirmModal
        opened={deactivating !== null}
        title={t('renoItem.deactivateTitle', { name: deactivating?.name ?? '' })}
        confirmLabel={t('renoItem.deactivate')}
        color="red"
        busy={busy}
        onCancel={() => setDeactivating(null)}
        onConfirm={() => deactivating && void setActive(deactivating, false)}
      >
        {t('renoItem.deactivateText')}
      </ConfirmModal>
    </Stack>
  );
}
