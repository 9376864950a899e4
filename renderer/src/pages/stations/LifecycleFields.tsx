import { Badge, Box, Group, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { LIFECYCLE_STEPS, type LedgerError, type LifecycleStep } from '../../contract';
import { useT } from '../../i18n';
import { STATE_COLORS } from './station-labels';
import { lifecycleField, lifecycleProblems } from './station-values';

/**
 * 建设与运营进度: the seven steps in order, one date each. A date before the previous dated step,
 * in the future or not a date is flagged as soon as it is typed; the main side's refusals (passed
 * in `serverError`) show on the same field.
 */
export function LifecycleFields(props: {
  lifecycle: Record<LifecycleStep, string>;
  onChange(step: LifecycleStep, value: string): void;
  serverError(step: LifecycleStep): LedgerError | undefined;
  readOnly: boolean;
}) {
  const { t, fieldErrorText } = useT();
  const [left, setLeft] = useState<Set<LifecycleStep>>(new Set());
  const problems = lifecycleProblems(props.lifecycle, (step) => left.has(step) || props.lifecycle[step].trim().length >= 10);
  let current: LifecycleStep | null = null;
  for (const step of LIFECYCLE_STEPS) if (props.lifecycle[step].trim() && !problems[step]) current = step;

  return (
    <Stack gap={6}>
      {LIFECYCLE_STEPS.map((step) => {
        const error = props.serverError(step) ?? problems[step];
        const dated = !!props.lifecycle[step].trim() && !problems[step];
        return (
          <Group key={step} gap="sm" wrap="nowrap" align="center">
            <Box
              aria-hidden
              w={12}
              h={12}
              style={{
                borderRadius: '50%',
                flex: 'none',
                background: dated ? `var(--mantine-color-${STATE_COLORS[step]}-6)` : 'var(--mantine-color-gray-3)',
              }}
            />
            <TextInput
              label={t(`station.step.${step}`)}
              value={props.lifecycle[step]}
              placeholder={props.readOnly ? '' : 'YYYY-MM-DD'}
              onChange={(e) => {
                props.onChange(step, e.currentTarget.value);
                setLeft((s) => {
                  if (!s.has(step)) return s;
                  const next = new Set(s);
                  next.delete(step);
                  return next;
                });
              }}
              onBlur={() => setLeft((s) => new Set(s).add(step))}
              error={error ? fieldErrorText(error) : undefined}
              readOnly={props.readOnly}
              maxLength={10}
              autoComplete="off"
              classNames={{ root: 'inline-field', label: 'inline-field-label', wrapper: 'inline-field-input', error: 'inline-field-error' }}
              w="100%"
              data-field={lifecycleField(step)}
            />
            {current === step && !error && (
              <Badge color={STATE_COLORS[step]} variant="light" style={{ flex: 'none' }}>
                {t('station.currentState')}
              </Badge>
            )}
          </Group>
        );
      })}
      <Text size="xs" c="dimmed">
        {t('station.lifecycleHelp')}
      </Text>
    </Stack>
  );
}
