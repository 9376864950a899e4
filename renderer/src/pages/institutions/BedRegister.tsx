import { Badge, Group, Loader, Stack, Switch, Table, Text, UnstyledButton } from '@mantine/core';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { call } from '../../client';
import { ErrorAlert } from '../../components/ErrorAlert';
import type { Institution, InstitutionBedSlot } from '../../contract';
import { useT } from '../../i18n';
import { AddBedsForm } from './AddBedsForm';
import { BedEditModal } from './BedEditModal';
import { compareRooms } from './bed-labels';
import './bed-register.css';

/** 床位登记: the institution's beds by room with whoever holds each today; clerks add, edit and retire beds. */
export function BedRegister({ institution, readOnly, onChanged }: { institution: Institution; readOnly: boolean; onChanged(): void }) {
  const { t } = useT();
  const [beds, setBeds] = useState<InstitutionBedSlot[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [showRetired, setShowRetired] = useState(false);
  const [editing, setEditing] = useState<InstitutionBedSlot | null>(null);

  const load = useCallback(() => {
    setError(null);
    call('institutionBeds.list', { institutionId: institution.id }).then(setBeds, setError);
  }, [institution.id]);
  useEffect(load, [load]);

  const inUse = useMemo(() => (beds ?? []).filter((b) => !b.retiredOn), [beds]);
  const rooms = useMemo(() => {
    const shown = (beds ?? []).filter((b) => showRetired || !b.retiredOn);
    const byRoom = new Map<string, InstitutionBedSlot[]>();
    for (const bed of shown) byRoom.set(bed.room, [...(byRoom.get(bed.room) ?? []), bed]);
    return [...byRoom.entries()]
      .sort(([a], [b]) => compareRooms(a, b))
      .map(([room, list]) => ({ room, beds: list.sort((a, b) => compareRooms(a.label, b.label)) }));
  }, [beds, showRetired]);
  const retiredCount = (beds?.length ?? 0) - inUse.length;
  const occupied = inUse.filter((b) => b.occupant).length;

  const changed = () => {
    load();
    onChanged();
  };

  return (
    <Stack gap="md">
      <ErrorAlert error={error} />
      {!beds && !error && (
        <Group justify="center" py="xl">
          <Loader />
        </Group>
      )}
      {beds && (
        <>
          <Group justify="space-between" align="flex-end">
            <Text size="sm" data-testid="bed-register-summary">
              {t('instBed.summary', {
                registered: inUse.length,
                nursing: inUse.filter((b) => b.nursing).length,
                occupied,
                free: inUse.length - occupied,
                total: institution.totalBeds,
              })}
            </Text>
            {retiredCount > 0 && (
              <Switch label={t('instBed.showRetired', { count: retiredCount })} checked={showRetired} onChange={(e) => setShowRetired(e.currentTarget.checked)} />
            )}
          </Group>
          {rooms.length === 0 ? (
            <Text c="dimmed" ta="center" py="md">
              {readOnly ? t('instBed.emptyReadOnly') : t('instBed.empty')}
            </Text>
          ) : (
            <Table withTableBorder verticalSpacing="xs" bg="white" aria-label={t('institution.tab.beds')}>
              <Table.Thead className="nowrap-head">
                <Table.Tr>
                  <Table.Th w={90}>{t('instBed.room')}</Table.Th>
                  <Table.Th>{t('instBed.bedsInRoom')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rooms.map(({ room, beds: list }) => (
                  <Table.Tr key={room} data-testid="bed-room">
                    <Table.Th scope="row" style={{ verticalAlign: 'top' }}>
                      {t('instBed.roomName', { room })}
                    </Table.Th>
                    <Table.Td>
                      <div className="bed-tiles">
                        {list.map((bed) => (
                          <BedTile key={bed.id} bed={bed} onEdit={readOnly ? undefined : () => setEditing(bed)} />
                        ))}
                      </div>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
          {!readOnly && !institution.closedOn && (
            <AddBedsForm
              institutionId={institution.id}
              onAdded={changed}
            />
          )}
        </>
      )}
      <BedEditModal
        bed={editing}
        onClose={() => setEditing(null)}
        onSaved={() => {
          setEditing(null);
          changed();
        }}
      />
    </Stack>
  );
}

/** One bed: its number, 护理 mark, and who holds it today (or 空床 / 已停用). */
function BedTile({ bed, onEdit }: { bed: InstitutionBedSlot; onEdit?: () => void }) {
  const { t } = useT();
  const state = bed.retiredOn ? 'retired' : bed.occupant ? (bed.occupant.onLeave ? 'leave' : 'held') : 'free';
  const body = (
    <Stack gap={2}>
      <Group gap={4} wrap="nowrap" justify="space-between">
        <Text fw={700} size="sm">
          {t('instBed.bedName', { label: bed.label })}
        </Text>
        {bed.nursing && (
          <Badge size="xs" color="grape" variant="light" className="badge-full">
            {t('instBed.nursingShort')}
          </Badge>
        )}
      </Group>
      {state === 'retired' ? (
        <Text size="xs" c="dimmed">
          {t('instBed.retiredShort', { date: bed.retiredOn ?? '' })}
        </Text>
      ) : bed.occupant ? (
        <Group gap={4} wrap="nowrap">
          <Text size="sm" truncate>
            {bed.occupant.name}
          </Text>
          {bed.occupant.onLeave && (
            <Badge size="xs" color="yellow" variant="light" className="badge-full">
              {t('welfare.status.leave')}
            </Badge>
          )}
        </Group>
      ) : (
        <Text size="sm" c="teal.8">
          {t('instBed.free')}
        </Text>
      )}
    </Stack>
  );
  const label = t('instBed.tileLabel', { room: bed.room, label: bed.label });
  return onEdit ? (
    <UnstyledButton className={`bed-tile bed-${state}`} onClick={onEdit} aria-label={label} title={t('instBed.editHint')}>
      {body}
    </UnstyledButton>
  ) : (
    <div className={`bed-tile bed-${state}`} aria-label={label}>
      {body}
    </div>
  );
}
