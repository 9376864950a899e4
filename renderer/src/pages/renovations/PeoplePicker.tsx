import { Badge, Button, Group, Paper, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { RemoteSelect, type RemoteOption } from '../../components/RemoteSelect';
import { useT } from '../../i18n';
import { usePersonSearch } from '../beds/pickers';

const MAX_PEOPLE = 6;

/**
 * 家庭成员: the household's elderly people from the registry, found like the beds' 服务对象 (name,
 * pinyin initials, ID tail). Several may be added; the first is the applicant.
 */
export function PeoplePicker(props: {
  value: RemoteOption[];
  onChange(people: RemoteOption[]): void;
  error?: string;
  readOnly?: boolean;
  field: string;
}) {
  const { t } = useT();
  const search = usePersonSearch();
  // The search field starts empty again after each person is added.
  const [round, setRound] = useState(0);
  const { value } = props;
  const full = value.length >= MAX_PEOPLE;

  const add = (option: RemoteOption | null) => {
    if (!option) return;
    if (!value.some((p) => p.value === option.value)) props.onChange([...value, option]);
    setRound((n) => n + 1);
  };
  const remove = (id: string) => props.onChange(value.filter((p) => p.value !== id));
  const makeApplicant = (id: string) => {
    const chosen = value.find((p) => p.value === id);
    if (chosen) props.onChange([chosen, ...value.filter((p) => p.value !== id)]);
  };

  return (
    <Stack gap={6}>
      {!props.readOnly && (
        <RemoteSelect
          key={round}
          label={t('renovations.people')}
          description={full ? t('renovations.peopleFull', { max: MAX_PEOPLE }) : t('renovations.peopleHelp')}
          value={null}
          onChange={add}
          search={search}
          placeholder={t('bed.personPlaceholder')}
          error={props.error}
          required
          data-field={props.field}
          readOnly={full}
        />
      )}
      {props.readOnly && (
        <Text size="sm" fw={500}>
          {t('renovations.people')}
        </Text>
      )}
      {value.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('renovations.peopleNone')}
        </Text>
      ) : (
        <Stack gap={4} data-testid="household-people">
          {value.map((p, i) => (
            <Paper key={p.value} withBorder px="sm" py={6} radius="sm">
              <Group justify="space-between" wrap="nowrap" gap="xs">
                <Group gap="xs" wrap="nowrap" style={{ minWidth: 0 }}>
                  <Text size="sm" fw={500} style={{ whiteSpace: 'nowrap' }}>
                    {p.label}
                  </Text>
                  {i === 0 && (
                    <Badge size="sm" variant="light" className="badge-full">
                      {t('renovations.applicant')}
                    </Badge>
                  )}
                  {p.detail && (
                    <Text size="xs" c="dimmed" truncate>
                      {p.detail}
                    </Text>
                  )}
                </Group>
                {!props.readOnly && (
                  <Group gap={4} wrap="nowrap">
                    {i > 0 && (
                      <Button size="compact-xs" variant="subtle" onClick={() => makeApplicant(p.value)}>
                        {t('renovations.makeApplicant')}
                      </Button>
                    )}
                    <Button size="compact-xs" variant="subtle" color="red" onClick={() => remove(p.value)} aria-label={t('renovations.removePerson', { name: p.label })}>
                      {t('renovations.remove')}
                    </Button>
                  </Group>
                )}
              </Group>
            </Paper>
          ))}
        </Stack>
      )}
    </Stack>
  );
}
