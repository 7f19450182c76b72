// Camera capture (getUserMedia): a live preview and one shot as a JPEG, timed by this computer's clock (a canvas keeps no EXIF).
import { useEffect, useRef, useState } from 'react';
import { Modal } from '../modal.js';
import { usePhotosT } from './photos-t.js';

export interface CameraShot {
  blob: Blob;
  takenAt: string;
}

export function CameraDialog({ onShot, onClose }: { onShot: (shot: CameraShot) => void; onClose: () => void }) {
  const t = usePhotosT();
  const video = useRef<HTMLVideoElement>(null);
  const [stream, setStream] = useState<MediaStream | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live: MediaStream | null = null;
    let cancelled = false;
    navigator.mediaDevices
      ?.getUserMedia({ video: { facingMode: 'environment', width: { ideal: 1920 } }, audio: false })
      .then((s) => {
        if (cancelled) {
          s.getTracks().forEach((track) => track.stop());
          return;
        }
        live = s;
        setStream(s);
        if (video.current) video.current.srcObject = s;
      })
      .catch((e: unknown) => setError(t('errors.CAMERA', { message: e instanceof Error ? e.message : String(e) })));
    if (!navigator.mediaDevices) setError(t('errors.CAMERA', { message: 'getUserMedia' }));
    return () => {
      cancelled = true;
      live?.getTracks().forEach((track) => track.stop());
    };
  }, [t]);

  const shoot = () => {
    const v = video.current;
    if (!v || v.videoWidth === 0) return;
    const canvas = document.createElement('canvas');
    canvas.width = v.videoWidth;
    canvas.height = v.videoHeight;
    canvas.getContext('2d')!.drawImage(v, 0, 0);
    const takenAt = new Date().toISOString();
    canvas.toBlob((blob) => blob && onShot({ blob, takenAt }), 'image/jpeg', 0.92);
  };

  return (
    <Modal title={t('cameraDialog.title')} onClose={onClose} testId="camera-dialog" size="medium">
      {error ? (
        <p className="form-error" role="alert">{error}</p>
      ) : (
        <>
          {!stream && <p className="muted">{t('cameraDialog.starting')}</p>}
          <video ref={video} className="camera-preview" autoPlay playsInline muted />
          <div className="form-actions">
            <button type="button" className="primary-button" onClick={shoot} disabled={!stream} data-testid="camera-shoot">
              {t('cameraDialog.shoot')}
            </button>
          </div>
        </>
      )}
    </Modal>
  );
}
