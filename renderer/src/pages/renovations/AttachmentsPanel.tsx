import { Alert, Anchor, Badge, Button, Center, Group, Image, Loader, Modal, Paper, SimpleGrid, Stack, Switch, Table, Text, UnstyledButton } from '@mantine/core';
import { useEffect, useState } from 'react';
import { ErrorAlert } from '../../components/ErrorAlert';
import { clientError } from '../../components/form-errors';
import { call } from '../../client';
import { PHOTO_TAGS, type Attachment, type CaseSaved, type RenovationCase } from '../../contract';
import { formatBytes, formatDateTime } from '../../format';
import { useT } from '../../i18n';
import { useCan, useLockAwareOverlay } from '../../session/session-context';
import { downloadBlob } from '../../download';
import { fetchContent, useThumbnail, type FullContent } from './attachment-content';
import { ActionFormShell, NoteField, useActionForm } from '../../components/action-form';
import { isImage } from './file-prep';
import { FILE_STATE_COLORS, attachmentTagLabel, fileStateLabel, photoTagLabel } from './renovation-labels';
import { UploadForm } from './UploadForm';

/**
 * 照片与文件: the upload form, the photos as thumbnails grouped before / during / after (with the plan
 * line each shows), the documents as a list to download. A file found missing or altered since it was
 * stored is marked in red; a wrong upload is withdrawn with a reason, never deleted.
 */
export function AttachmentsPanel(props: { kase: RenovationCase; onSaved(saved: CaseSaved, notice: string): void; onReload(): void }) {
  const { t } = useT();
  const can = useCan();
  const { kase } = props;
  const [showWithdrawn, setShowWithdrawn] = useState(false);
  const [viewing, setViewing] = useState<Attachment | null>(null);
  const [withdrawing, setWithdrawing] = useState<Attachment | null>(null);
  const withdrawOverlay = useLockAwareOverlay(withdrawing !== null);
  const withdrawnCount = kase.attachments.filter((a) => a.withdrawnAt).length;
  const shown = kase.attachments.filter((a) => showWithdrawn || !a.withdrawnAt);
  const photos = shown.filter((a) => a.kind === 'photo');
  const documents = shown.filter((a) => a.kind === 'document');
  const lineName = (id: string | null) => {
    if (!id) return null;
    const index = kase.plan.lines.findIndex((l) => l.id === id);
    return index < 0 ? null : `${index + 1}. ${kase.plan.lines[index]!.itemName}`;
  };
  const damaged = kase.attachments.filter((a) => !a.withdrawnAt && a.fileState !== 'ok').length;

  return (
    <Stack gap="md">
      {can.edit && <UploadForm kase={kase} onSaved={(saved, name) => props.onSaved(saved, t('renovations.file.uploaded', { name }))} onReload={props.onReload} />}
      {damaged > 0 && (
        <Alert color="red" variant="light" title={t('renovations.file.damagedTitle')} data-testid="files-damaged">
          <Text size="sm">{t('renovations.file.damagedHelp', { count: damaged })}</Text>
        </Alert>
      )}
      {withdrawnCount > 0 && (
        <Switch
          label={t('renovations.file.showWithdrawn', { count: withdrawnCount })}
          checked={showWithdrawn}
          onChange={(e) => setShowWithdrawn(e.currentTarget.checked)}
          size="sm"
        />
      )}

      {PHOTO_TAGS.map((tag) => {
        const group = photos.filter((p) => p.tag === tag);
        return (
          <Stack gap={6} key={tag} data-testid={`photos-${tag}`}>
            <Text fw={600} size="sm">
              {t('renovations.file.photoGroup', { tag: photoTagLabel(t, tag), count: group.length })}
            </Text>
            {group.length === 0 ? (
              <Text size="sm" c="dimmed">
                {t('renovations.file.noPhotos')}
              </Text>
            ) : (
              <SimpleGrid cols={4} spacing="sm">
                {group.map((photo) => (
                  <PhotoCard
                    key={photo.id}
                    photo={photo}
                    lineName={lineName(photo.planLineId)}
                    onView={() => setViewing(photo)}
                    onWithdraw={can.edit && !photo.withdrawnAt ? () => setWithdrawing(photo) : undefined}
                  />
                ))}
              </SimpleGrid>
            )}
          </Stack>
        );
      })}

      <Stack gap={6}>
        <Text fw={600} size="sm">
          {t('renovations.file.documents', { count: documents.length })}
        </Text>
        <DocumentList documents={documents} onWithdraw={can.edit ? setWithdrawing : undefined} />
      </Stack>

      <Viewer photo={viewing} lineName={viewing ? lineName(viewing.planLineId) : null} onClose={() => setViewing(null)} />
      <Modal
        {...withdrawOverlay}
        zIndex={250}
        onClose={() => setWithdrawing(null)}
        title={<Text fw={700}>{t('renovations.file.withdrawTitle', { name: withdrawing?.fileName ?? '' })}</Text>}
        closeButtonProps={{ 'aria-label': t('common.close') }}
      >
        {withdrawing && (
          <WithdrawForm
            attachment={withdrawing}
            onSaved={(saved) => {
              props.onSaved(saved, t('renovations.file.withdrawn', { name: withdrawing.fileName }));
              setWithdrawing(null);
            }}
            onCancel={() => setWithdrawing(null)}
            onReload={() => {
              setWithdrawing(null);
              props.onReload();
            }}
          />
        )}
      </Modal>
    </Stack>
  );
}

function FileStateBadge({ attachment }: { attachment: Attachment }) {
  const { t } = useT();
  if (attachment.withdrawnAt) {
    return (
      <Badge color="gray" variant="light" size="sm" className="badge-full">
        {t('renovations.file.withdrawnBadge')}
      </Badge>
    );
  }
  if (attachment.fileState === 'ok') return null;
  return (
    <Badge color={FILE_STATE_COLORS[attachment.fileState]} variant="filled" size="sm" className="badge-full" data-testid="file-state">
      {fileStateLabel(t, attachment.fileState)}
    </Badge>
  );
}

function PhotoCard(props: { photo: Attachment; lineName: string | null; onView(): void; onWithdraw?: () => void }) {
  const { t } = useT();
  const { photo } = props;
  const thumb = useThumbnail(photo.id, photo.hasThumbnail);
  const withdrawn = photo.withdrawnAt !== null;
  return (
    <Paper withBorder radius="sm" p={6} className={withdrawn ? 'attachment-withdrawn' : undefined} data-testid="photo-card">
      <Stack gap={4}>
        <UnstyledButton onClick={props.onView} aria-label={t('renovations.file.view', { name: photo.fileName })} className="photo-thumb">
          {thumb.src ? (
            <img src={thumb.src} alt={photo.fileName} />
          ) : (
            <Center h="100%">{thumb.loading ? <Loader size="sm" /> : <Text size="xs" c="dimmed">{t('renovations.file.noThumbnail')}</Text>}</Center>
          )}
        </UnstyledButton>
        <Group gap={4} wrap="wrap">
          <FileStateBadge attachment={photo} />
        </Group>
        {props.lineName && (
          <Text size="xs" fw={500} lineClamp={2} data-testid="photo-line">
            {props.lineName}
          </Text>
        )}
        <Text size="xs" c="dimmed" truncate td={withdrawn ? 'line-through' : undefined} title={photo.fileName}>
          {photo.fileName}
        </Text>
        <Text size="xs" c="dimmed">
          {formatDateTime(photo.createdAt, false)}
        </Text>
        {withdrawn && photo.withdrawnReason && (
          <Text size="xs" c="dimmed">
            {t('renovations.reasonShown', { text: photo.withdrawnReason })}
          </Text>
        )}
        {props.onWithdraw && (
          <Button size="compact-xs" variant="subtle" color="red" onClick={props.onWithdraw} w="fit-content">
            {t('renovations.file.withdraw')}
          </Button>
        )}
      </Stack>
    </Paper>
  );
}

function DocumentList(props: { documents: Attachment[]; onWithdraw?: (a: Attachment) => void }) {
  const { t } = useT();
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const download = async (doc: Attachment) => {
    setBusy(doc.id);
    setError(null);
    setProblem(null);
    try {
      const content = await fetchContent(doc.id);
      if (!content.blob || content.fileState !== 'ok') setProblem(t(content.fileState === 'missing' ? 'renovations.file.missingHelp' : 'renovations.file.alteredHelp'));
      if (content.blob) downloadBlob(doc.fileName, content.blob);
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(null);
    }
  };
  if (props.documents.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        {t('renovations.file.noDocuments')}
      </Text>
    );
  }
  return (
    <Stack gap="xs">
      <ErrorAlert error={error} onClose={() => setError(null)} />
      {problem && (
        <Alert color="red" variant="light" withCloseButton closeButtonLabel={t('common.close')} onClose={() => setProblem(null)}>
          <Text size="sm">{problem}</Text>
        </Alert>
      )}
      <Table withTableBorder verticalSpacing="xs" bg="white" aria-label={t('renovations.file.documentsTable')}>
        <Table.Thead className="nowrap-head">
          <Table.Tr>
            <Table.Th>{t('renovations.file.tag')}</Table.Th>
            <Table.Th>{t('renovations.file.name')}</Table.Th>
            <Table.Th>{t('renovations.file.size')}</Table.Th>
            <Table.Th>{t('renovations.file.uploadedBy')}</Table.Th>
            <Table.Th>{t('common.actions')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {props.documents.map((doc) => {
            const withdrawn = doc.withdrawnAt !== null;
            return (
              <Table.Tr key={doc.id} className={withdrawn ? 'attachment-withdrawn' : undefined} data-testid="document-row">
                <Table.Td style={{ whiteSpace: 'nowrap' }}>{attachmentTagLabel(t, doc.tag)}</Table.Td>
                <Table.Td style={{ wordBreak: 'break-all' }}>
                  <Text size="sm" td={withdrawn ? 'line-through' : undefined}>
                    {doc.fileName}
                  </Text>
                  <Group gap={4}>
                    <FileStateBadge attachment={doc} />
                  </Group>
                  {doc.note && (
                    <Text size="xs" c="dimmed">
                      {doc.note}
                    </Text>
                  )}
                  {withdrawn && doc.withdrawnReason && (
                    <Text size="xs" c="dimmed">
                      {t('renovations.reasonShown', { text: doc.withdrawnReason })}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatBytes(doc.sizeBytes)}</Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>
                  {doc.createdByName ?? '—'}
                  <Text size="xs" c="dimmed">
                    {formatDateTime(doc.createdAt, false)}
                  </Text>
                </Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>
                  <Group gap={4} wrap="nowrap">
                    <Button size="compact-xs" variant="default" onClick={() => void download(doc)} loading={busy === doc.id} disabled={doc.fileState === 'missing'}>
                      {t('renovations.file.download')}
                    </Button>
                    {props.onWithdraw && !withdrawn && (
                      <Button size="compact-xs" variant="subtle" color="red" onClick={() => props.onWithdraw!(doc)}>
                        {t('renovations.file.withdraw')}
                      </Button>
                    )}
                  </Group>
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}

/** The photo at full size (fetched and checked against its SHA-256 when opened). */
function Viewer(props: { photo: Attachment | null; lineName: string | null; onClose(): void }) {
  const { t } = useT();
  const overlay = useLockAwareOverlay(props.photo !== null);
  const [content, setContent] = useState<{ id: string; url: string | null; state: FullContent['fileState'] } | null>(null);
  const [error, setError] = useState<unknown>(null);
  const id = props.photo?.id ?? null;

  useEffect(() => {
    if (!id) return;
    let live = true;
    let url: string | null = null;
    setError(null);
    fetchContent(id).then(
      (c) => {
        if (!live) return;
        url = c.blob ? URL.createObjectURL(c.blob) : null;
        setContent({ id, url, state: c.fileState });
      },
      (caught: unknown) => live && setError(caught),
    );
    return () => {
      live = false;
      if (url) URL.revokeObjectURL(url);
    };
  }, [id]);

  const photo = props.photo;
  const current = content && content.id === id ? content : null;
  return (
    <Modal
      {...overlay}
      zIndex={250}
      onClose={props.onClose}
      size="xl"
      title={<Text fw={700}>{photo?.fileName ?? ''}</Text>}
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      {photo && (
        <Stack gap="sm" data-testid="photo-viewer">
          <ErrorAlert error={error} />
          {current?.state && current.state !== 'ok' && (
            <Alert color="red" variant="light" title={fileStateLabel(t, current.state)}>
              <Text size="sm">{t(current.state === 'missing' ? 'renovations.file.missingHelp' : 'renovations.file.alteredHelp')}</Text>
            </Alert>
          )}
          {!current && !error && (
            <Center py="xl">
              <Loader />
            </Center>
          )}
          {current?.url && isImage(photo.mimeType) && <Image src={current.url} alt={photo.fileName} fit="contain" mah="70vh" />}
          <Group gap="lg" wrap="wrap">
            <Text size="sm">{attachmentTagLabel(t, photo.tag)}</Text>
            {props.lineName && <Text size="sm">{props.lineName}</Text>}
            <Text size="sm" c="dimmed">
              {formatBytes(photo.sizeBytes)}
            </Text>
            <Text size="sm" c="dimmed">
              {t('renovations.file.uploadedShown', { by: photo.createdByName ?? '—', at: formatDateTime(photo.createdAt, false) })}
            </Text>
          </Group>
          {photo.note && <Text size="sm">{photo.note}</Text>}
          <Text size="xs" c="dimmed" className="id-number" style={{ wordBreak: 'break-all' }}>
            SHA-256 {photo.sha256}
          </Text>
          {current?.url && (
            <Anchor size="sm" component="button" type="button" onClick={() => void fetchContent(photo.id).then((c) => c.blob && downloadBlob(photo.fileName, c.blob))}>
              {t('renovations.file.download')}
            </Anchor>
          )}
        </Stack>
      )}
    </Modal>
  );
}

const WITHDRAW_FIELDS = ['id', 'reason'] as const;

function WithdrawForm(props: { attachment: Attachment; onSaved(saved: CaseSaved): void; onCancel(): void; onReload(): void }) {
  const { t } = useT();
  const [reason, setReason] = useState('');
  const form = useActionForm(WITHDRAW_FIELDS);
  const check = () => (reason.trim() ? {} : { reason: clientError('REQUIRED', 'reason') });
  const send = () => call('renovations.withdrawAttachment', { id: props.attachment.id, reason: reason.trim() });
  return (
    <ActionFormShell
      form={form}
      onSubmit={(e) => void form.submit(check, send, props.onSaved)(e)}
      submitLabel={t('renovations.file.withdraw')}
      submitColor="red"
      onCancel={props.onCancel}
      onReload={props.onReload}
    >
      <Text size="sm">{t('renovations.file.withdrawHelp')}</Text>
      <NoteField
        label={t('renovations.file.withdrawReason')}
        value={reason}
        onChange={(v) => {
          setReason(v);
          form.errors.setFieldError('reason', null);
        }}
        error={form.errors.errorFor('reason') ?? form.errors.errorFor('id')}
        field="reason"
        required
        maxLength={200}
      />
    </ActionFormShell>
  );
}
