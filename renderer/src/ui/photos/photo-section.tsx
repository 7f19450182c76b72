// The appeal screen's photos: attach (picker, drag and drop, paste, camera) marked before/after/document, a before/after viewer side by side, the full image on demand, and upload progress.
import { useEffect, useState, type ClipboardEvent, type DragEvent } from 'react';
import { ATTACHMENT_TYPES, attachmentContentPath, type AttachmentKind } from '../../../../shared/index.js';
import { PhotoError, preparePhoto, storePhoto, type PhotoWarning } from '../../data/attachments/photo-intake.js';
import { newId } from '../../data/outbox.js';
import { formatInstant } from '../format-date.js';
import { Modal } from '../modal.js';
import { consoleStore } from '../store-access.js';
import { useLanguage } from '../use-language.js';
import { useLookup } from '../use-lookup.js';
import { CameraDialog, type CameraShot } from './camera-dialog.js';
import { uploadQueue, useUploadQueue } from './photo-service.js';
import { usePhotosT, type PhotosT } from './photos-t.js';
import { useAttachments, type AttachmentView } from './use-attachments.js';
import './photos.css';

const KINDS: readonly AttachmentKind[] = ['before', 'after', 'document'];

function errorText(t: PhotosT, error: unknown): string {
  if (error instanceof PhotoError) return t(`errors.${error.code}`, error.detail);
  return error instanceof Error ? error.message : String(error);
}

function uploadErrorText(t: PhotosT, code: string | undefined): string {
  const known = ['CHECKSUM_MISMATCH', 'OUT_OF_SCOPE', 'FILE_TOO_LARGE', 'TYPE_NOT_ALLOWED', 'SIZE_MISMATCH', 'NOT_FOUND'] as const;
  const match = known.find((k) => k === code);
  return t(match ? `upload.${match}` : 'upload.other');
}

function UploadState({ view }: { view: AttachmentView }) {
  const t = usePhotosT();
  const queue = useUploadQueue();
  const { attachment, upload } = view;
  if (attachment.uploadedAt !== null || upload?.state === 'done') {
    return <span className="photo-state photo-state-done" data-testid="photo-state" data-state="done">{upload ? t('state.done') : t('state.remote')}</span>;
  }
  if (!upload) return <span className="photo-state" data-testid="photo-state" data-state="remote-pending">{t('state.remotePending')}</span>;
  const live = queue.files.find((f) => f.id === attachment.id);
  const sent = live?.sent ?? upload.sent;
  const state = live?.state ?? upload.state;
  if (state === 'failed') {
    return <span className="photo-state photo-state-failed" role="alert" data-testid="photo-state" data-state="failed">{t('state.failed', { message: uploadErrorText(t, upload.error?.code) })}</span>;
  }
  if (state === 'uploading') {
    const percent = Math.floor((sent / Math.max(1, attachment.size)) * 100);
    return (
      <span className="photo-state" data-testid="photo-state" data-state="uploading">
        {t('state.uploading', { percent })}
        <progress max={attachment.size} value={sent} />
      </span>
    );
  }
  return <span className="photo-state" data-testid="photo-state" data-state="waiting">{t('state.waiting')}{upload.error ? ` · ${uploadErrorText(t, upload.error.code)}` : ''}</span>;
}

function PhotoCard({ view, onOpen }: { view: AttachmentView; onOpen: (view: AttachmentView) => void }) {
  const t = usePhotosT();
  const lang = useLanguage();
  const { timeZone } = useLookup();
  const a = view.attachment;
  const isImage = a.type !== 'application/pdf';
  return (
    <li className="photo-card" data-testid="photo-card" data-attachment-id={a.id} data-kind={a.kind}>
      <button type="button" className="photo-thumb-button" onClick={() => onOpen(view)} title={t('full')} data-testid="photo-full">
        {a.thumbnail ? <img src={a.thumbnail} alt={a.fileName} className="photo-thumb" data-testid="photo-thumb" /> : <span className="photo-thumb photo-thumb-none">{isImage ? '🖼' : 'PDF'}</span>}
      </button>
      <div className="photo-meta">
        <span className="photo-name" title={a.fileName}>{a.fileName}</span>
        {a.takenAt ? (
          <span data-testid="photo-taken-at">{t('takenAt', { when: formatInstant(a.takenAt, lang, timeZone) })}</span>
        ) : (
          isImage && <span className="photo-warning" data-testid="photo-warning" data-warning="no_time">⚠ {t('warnings.no_time')}</span>
        )}
        {a.gps ? (
          <span data-testid="photo-gps">{t('gps', { lat: a.gps.lat.toFixed(5), lon: a.gps.lon.toFixed(5) })}</span>
        ) : (
          isImage && <span className="photo-warning" data-testid="photo-warning" data-warning="no_gps">⚠ {t('warnings.no_gps')}</span>
        )}
        <span className="muted">{t('author', { name: a.authorName })}</span>
        <UploadState view={view} />
      </div>
    </li>
  );
}

/** The full image: this console's own copy when it has one, otherwise the original from the server (authorised). */
function FullImage({ view, onClose }: { view: AttachmentView; onClose: () => void }) {
  const t = usePhotosT();
  const [url, setUrl] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let objectUrl: string | null = null;
    let cancelled = false;
    (async () => {
      const local = view.local ? await consoleStore.runtime.db.attachmentBlobs.get(view.attachment.id) : undefined;
      let blob: Blob | null = local ? (local.screen ?? local.original) : null;
      if (!blob) {
        if (view.attachment.uploadedAt === null) throw new Error(t('fullUnavailable'));
        const token = consoleStore.runtime.session?.accessToken;
        const response = await fetch(new URL(attachmentContentPath(view.attachment.id), consoleStore.getState().serverUrl), {
          headers: token ? { Authorization: `Bearer ${token}` } : {},
        });
        if (!response.ok) throw new Error(`${response.status} ${await response.text()}`);
        blob = await response.blob();
      }
      if (cancelled) return;
      objectUrl = URL.createObjectURL(blob);
      setUrl(objectUrl);
    })().catch((e: unknown) => !cancelled && setError(e instanceof Error ? e.message : String(e)));
    return () => {
      cancelled = true;
      if (objectUrl) URL.revokeObjectURL(objectUrl);
    };
  }, [view, t]);
  const isPdf = view.attachment.type === 'application/pdf';
  return (
    <Modal title={view.attachment.fileName} onClose={onClose} size="large" testId="photo-viewer">
      {error && <p className="form-error" role="alert">{error}</p>}
      {!error && !url && <p className="muted">{t('fullLoading')}</p>}
      {url && (isPdf ? (
        <a href={url} target="_blank" rel="noreferrer" data-testid="photo-full-link">{view.attachment.fileName}</a>
      ) : (
        <img src={url} alt={view.attachment.fileName} className="photo-full-image" data-testid="photo-full-image" />
      ))}
    </Modal>
  );
}

function UploadQueueBar() {
  const t = usePhotosT();
  const queue = useUploadQueue();
  const open = queue.files.filter((f) => f.state !== 'done');
  if (open.length === 0) return null;
  const percent = Math.floor((queue.sent / Math.max(1, queue.total)) * 100);
  return (
    <div className="upload-queue" data-testid="upload-queue" data-sent={queue.sent} data-total={queue.total} role="status">
      <strong>{t('queue.title')}</strong> {t('queue.total', { done: queue.files.length - open.length, count: queue.files.length, percent })}
      <progress max={Math.max(1, queue.total)} value={queue.sent} />
      <ul>
        {open.map((f) => (
          <li key={f.id} data-testid="upload-queue-file" data-state={f.state}>
            {f.fileName}: {Math.floor((f.sent / Math.max(1, f.size)) * 100)}%
          </li>
        ))}
      </ul>
    </div>
  );
}

export function PhotoSection({ appealId }: { appealId: string }) {
  const t = usePhotosT();
  const views = useAttachments(appealId);
  const [kind, setKind] = useState<AttachmentKind>('before');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [warnings, setWarnings] = useState<PhotoWarning[]>([]);
  const [camera, setCamera] = useState(false);
  const [open, setOpen] = useState<AttachmentView | null>(null);
  const [dragging, setDragging] = useState(false);

  const add = async (files: { blob: Blob; name: string; takenAt?: string }[]) => {
    if (files.length === 0) return;
    setBusy(true);
    setError(null);
    const seen = new Set<PhotoWarning>();
    try {
      for (const file of files) {
        const prepared = await preparePhoto(file.blob, { attachmentId: newId(), appealId, kind, fileName: file.name, takenAt: file.takenAt ?? null });
        await storePhoto(consoleStore.runtime.db, prepared, (args) => consoleStore.getState().mutate('attachment.add', args));
        prepared.warnings.forEach((w) => seen.add(w));
      }
    } catch (e) {
      setError(errorText(t, e));
      console.error(e);
    } finally {
      setWarnings([...seen]);
      setBusy(false);
      void uploadQueue.kick();
    }
  };

  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setDragging(false);
    void add([...e.dataTransfer.files].map((f) => ({ blob: f, name: f.name })));
  };
  const onPaste = (e: ClipboardEvent) => {
    const files = [...e.clipboardData.files];
    if (files.length === 0) return;
    e.preventDefault();
    void add(files.map((f, i) => ({ blob: f, name: f.name || `paste-${i + 1}.${f.type.split('/')[1] ?? 'bin'}` })));
  };
  const onShot = (shot: CameraShot) => {
    setCamera(false);
    void add([{ blob: shot.blob, name: `camera-${shot.takenAt.replace(/[:.]/g, '-')}.jpg`, takenAt: shot.takenAt }]);
  };

  const before = views.filter((v) => v.attachment.kind === 'before');
  const after = views.filter((v) => v.attachment.kind === 'after');
  const documents = views.filter((v) => v.attachment.kind === 'document');

  return (
    <div
      className={`photos${dragging ? ' photos-dragging' : ''}`}
      data-testid="photos"
      tabIndex={0}
      onPaste={onPaste}
      onDragOver={(e) => {
        e.preventDefault();
        setDragging(true);
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={onDrop}
    >
      <fieldset className="photo-kinds">
        <legend>{t('kind.label')}</legend>
        {KINDS.map((k) => (
          <label key={k}>
            <input type="radio" name={`photo-kind-${appealId}`} value={k} checked={kind === k} onChange={() => setKind(k)} data-testid={`photo-kind-${k}`} />
            {t(`kind.${k}`)}
          </label>
        ))}
      </fieldset>
      <div className="photo-actions">
        <label className="primary-button photo-pick">
          {t('pick')}
          <input
            type="file"
            multiple
            accept={ATTACHMENT_TYPES.join(',')}
            data-testid="photo-input"
            onChange={(e) => {
              const files = [...(e.target.files ?? [])];
              e.target.value = '';
              void add(files.map((f) => ({ blob: f, name: f.name })));
            }}
          />
        </label>
        <button type="button" className="ghost-button" onClick={() => setCamera(true)} data-testid="photo-camera">
          {t('camera')}
        </button>
        <span className="muted photo-drop-hint">{t('dropHint')}</span>
      </div>
      {busy && <p className="muted" role="status">{t('adding')}</p>}
      {error && <p className="form-error" role="alert" data-testid="photo-error">{error}</p>}
      {warnings.length > 0 && (
        <ul className="photo-warnings" data-testid="photo-warnings">
          {warnings.map((w) => (
            <li key={w} className="photo-warning" data-warning={w}>⚠ {t(`warnings.${w}`)}</li>
          ))}
        </ul>
      )}
      <UploadQueueBar />
      {views.length === 0 ? (
        <p className="muted">{t('empty')}</p>
      ) : (
        <>
          <div className="before-after" data-testid="before-after" aria-label={t('beforeAfter')}>
            {([['before', before], ['after', after]] as const).map(([k, list]) => (
              <section key={k} className="before-after-column" data-testid={`photos-${k}`}>
                <h4>{t(`kind.${k}`)}</h4>
                <ul className="photo-list">{list.map((v) => <PhotoCard key={v.attachment.id} view={v} onOpen={setOpen} />)}</ul>
              </section>
            ))}
          </div>
          {documents.length > 0 && (
            <section data-testid="photos-document">
              <h4>{t('documents')}</h4>
              <ul className="photo-list">{documents.map((v) => <PhotoCard key={v.attachment.id} view={v} onOpen={setOpen} />)}</ul>
            </section>
          )}
        </>
      )}
      {camera && <CameraDialog onShot={onShot} onClose={() => setCamera(false)} />}
      {open && <FullImage view={open} onClose={() => setOpen(null)} />}
    </div>
  );
}
