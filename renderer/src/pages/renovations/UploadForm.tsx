import { Alert, Button, FileButton, Group, Paper, SegmentedControl, Select, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { call } from '../../client';
import { FormProblems } from '../../components/FormProblems';
import { clientError, useFormErrors } from '../../components/form-errors';
import { requiredLabel } from '../../components/required-label';
import { ATTACHMENT_MIME_TYPES, DOCUMENT_TAGS, MAX_ATTACHMENT_BYTES, PHOTO_TAGS, type CaseSaved, type DocumentTag, type PhotoTag, type RenovationCase } from '../../contract';
import { useT } from '../../i18n';
import { MAX_ATTACHMENT_MB, acceptedMime, drawThumbnail, isImage } from './file-prep';
import { formatBytes } from '../../format';
import { readBase64 } from '../../read-file';
import { documentTagLabel, options, photoTagLabel } from './renovation-labels';

const FIELDS = ['kind', 'tag', 'planLineId', 'fileName', 'mimeType', 'contentBase64', 'thumbnailBase64', 'note'] as const;
type Kind = 'photo' | 'document';

/** Names longer than the contract's 120 characters keep their start and their extension. */
function shortName(name: string): string {
  if (name.length <= 120) return name;
  const dot = name.lastIndexOf('.');
  const ext = dot > 0 && name.length - dot <= 10 ? name.slice(dot) : '';
  return name.slice(0, 120 - ext.length) + ext;
}

/**
 * 上传照片或文件: a photo (before / during / after, optionally of one plan line) or a document
 * (signed plan, acceptance form, invoice, other). Too large or the wrong type is refused here, before
 * sending, in the main side's words; images get a small thumbnail drawn here.
 */
export function UploadForm(props: { kase: RenovationCase; onSaved(saved: CaseSaved, fileName: string): void; onReload(): void }) {
  const { t, errorText } = useT();
  const { kase } = props;
  const [kind, setKind] = useState<Kind>('photo');
  const [tag, setTag] = useState<string | null>('before');
  const [planLineId, setPlanLineId] = useState<string | null>(null);
  const [note, setNote] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [round, setRound] = useState(0);
  const [uploading, setUploading] = useState(false);
  const errors = useFormErrors(FIELDS);

  const typeProblem = (f: File, k: Kind): string | null => {
    const mime = acceptedMime(f.type);
    if (!mime) return t('renovations.file.typeNotAllowed');
    if (k === 'photo' && !isImage(mime)) return t('renovations.file.photoMustBeImage');
    return null;
  };
  const sizeError = (f: File) => (f.size > MAX_ATTACHMENT_BYTES ? clientError('ATTACHMENT_TOO_LARGE', 'contentBase64', { max: MAX_ATTACHMENT_MB }) : null);
  const fileProblem = file ? (typeProblem(file, kind) ?? (sizeError(file) ? errorText(sizeError(file)) : null)) : null;

  const chooseKind = (k: Kind) => {
    setKind(k);
    setTag(k === 'photo' ? 'before' : 'signed_plan');
    setPlanLineId(null);
    errors.clear();
  };

  const submit = async () => {
    if (uploading) return;
    errors.setGeneral(null);
    if (!file) return errors.setFieldError('contentBase64', clientError('REQUIRED', 'contentBase64'));
    if (!tag) return errors.setFieldError('tag', clientError('REQUIRED', 'tag'));
    if (fileProblem) return;
    const mime = acceptedMime(file.type)!;
    setUploading(true);
    try {
      const [content, thumbnail] = await Promise.all([readBase64(file), kind === 'photo' ? drawThumbnail(file) : Promise.resolve(null)]);
      const saved = await call('renovations.attach', {
        caseId: kase.id,
        kind,
        tag: tag as PhotoTag | DocumentTag,
        planLineId: kind === 'photo' ? planLineId : null,
        fileName: shortName(file.name),
        mimeType: mime,
        contentBase64: content,
        thumbnailBase64: thumbnail,
        note: note.trim() || null,
      });
      errors.clear();
      props.onSaved(saved, file.name);
      // Ready for the next file of the same kind and tag (several "after" photos are usual).
      setFile(null);
      setNote('');
      setRound((n) => n + 1);
    } catch (error) {
      errors.capture(error);
    } finally {
      setUploading(false);
    }
  };

  const lineChoices = kase.plan.lines.map((l, i) => ({ value: l.id, label: `${i + 1}. ${l.itemName}` }));
  const tagChoices = kind === 'photo' ? options(PHOTO_TAGS, (v) => photoTagLabel(t, v)) : options(DOCUMENT_TAGS, (v) => documentTagLabel(t, v));
  const fileError = errors.errorFor('contentBase64') ?? errors.errorFor('mimeType') ?? errors.errorFor('fileName') ?? fileProblem ?? undefined;

  return (
    <Paper withBorder p="sm" radius="md" bg="gray.0" data-testid="upload-form">
      <Stack gap="sm">
        <Group justify="space-between">
          <Text fw={700}>{t('renovations.file.uploadTitle')}</Text>
          <SegmentedControl
            value={kind}
            onChange={(v) => chooseKind(v as Kind)}
            data={[
              { value: 'photo', label: t('renovations.file.kindPhoto') },
              { value: 'document', label: t('renovations.file.kindDocument') },
            ]}
            disabled={uploading}
            size="xs"
          />
        </Group>
        <FormProblems general={errors.general} onCloseGeneral={() => errors.setGeneral(null)} onReload={props.onReload} />
        <SimpleGrid cols={kind === 'photo' ? 3 : 2}>
          <Select
            label={t('renovations.file.tag')}
            data={tagChoices}
            value={tag}
            onChange={(v) => {
              setTag(v);
              errors.setFieldError('tag', null);
            }}
            error={errors.errorFor('tag')}
            allowDeselect={false}
            labelProps={requiredLabel(true)}
            disabled={uploading}
            data-field="tag"
          />
          {kind === 'photo' && (
            <Select
              label={t('renovations.file.planLine')}
              placeholder={lineChoices.length === 0 ? t('renovations.file.noLines') : t('renovations.file.planLineNone')}
              data={lineChoices}
              value={planLineId}
              onChange={(v) => {
                setPlanLineId(v);
                errors.setFieldError('planLineId', null);
              }}
              error={errors.errorFor('planLineId')}
              clearable
              disabled={uploading || lineChoices.length === 0}
              data-field="planLineId"
            />
          )}
          <TextInput
            label={t('renovations.file.note')}
            value={note}
            onChange={(e) => setNote(e.currentTarget.value)}
            error={errors.errorFor('note')}
            maxLength={200}
            disabled={uploading}
            data-field="note"
          />
        </SimpleGrid>
        {kind === 'photo' && (
          <Text size="xs" c="dimmed" mt={-6}>
            {t('renovations.file.planLineHelp')}
          </Text>
        )}
        <Group gap="sm" align="center" wrap="nowrap">
          <FileButton
            key={round}
            onChange={(f) => {
              setFile(f);
              errors.setFieldError('contentBase64', null);
              errors.setFieldError('mimeType', null);
              errors.setFieldError('fileName', null);
            }}
            accept={ATTACHMENT_MIME_TYPES.join(',')}
            disabled={uploading}
          >
            {(buttonProps) => (
              <Button variant="default" {...buttonProps} data-field="contentBase64">
                {t('renovations.file.choose')}
              </Button>
            )}
          </FileButton>
          <Stack gap={0} style={{ flex: 1, minWidth: 0 }}>
            <Text size="sm" truncate data-testid="chosen-file">
              {file ? `${file.name}（${formatBytes(file.size)}）` : t('renovations.file.noneChosen')}
            </Text>
            <Text size="xs" c="dimmed">
              {t('renovations.file.limits', { max: MAX_ATTACHMENT_MB })}
            </Text>
          </Stack>
          <Button onClick={() => void submit()} loading={uploading} disabled={!file || !!fileProblem}>
            {uploading ? t('renovations.file.uploading') : t('renovations.file.upload')}
          </Button>
        </Group>
        {fileError && (
          <Alert color="red" variant="light" p="xs" role="alert" data-testid="file-error">
            <Text size="sm">{fileError}</Text>
          </Alert>
        )}
      </Stack>
    </Paper>
  );
}
