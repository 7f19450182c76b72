// The attachment contract: argument limits, the thumbnail shape, and the rule that a "work done" answer needs before and after photos.
import { describe, expect, it } from 'vitest';
import { AttachmentAddArgs, checkAnswerProof, MAX_ATTACHMENT_BYTES } from './attachments.js';
import { Mutation } from './mutations.js';

const NOW = '2026-11-23T10:00:00.000Z';
const args = {
  attachmentId: 'att-1',
  appealId: 'ap-1',
  kind: 'before',
  sha256: 'a'.repeat(64),
  size: 1234,
  type: 'image/jpeg',
  fileName: 'IMG_0001.jpg',
  takenAt: NOW,
  gps: { lat: 55.75, lon: 37.61 },
  thumbnail: 'data:image/jpeg;base64,/9j/4AAQ',
};

describe('attachment.add arguments', () => {
  it('accept a photo with time, place and a JPEG thumbnail, inside the mutation envelope too', () => {
    expect(AttachmentAddArgs.safeParse(args).success).toBe(true);
    const m = Mutation.safeParse({ clientId: 'c', mutationId: 1, createdAt: NOW, name: 'attachment.add', args });
    expect(m.success).toBe(true);
  });

  it('accept a photo with no time and no GPS (the console warns instead)', () => {
    expect(AttachmentAddArgs.safeParse({ ...args, takenAt: null, gps: null, thumbnail: null }).success).toBe(true);
  });

  it('refuse a file over the size limit, a type outside the allowlist and a malformed sha256', () => {
    expect(AttachmentAddArgs.safeParse({ ...args, size: MAX_ATTACHMENT_BYTES + 1 }).success).toBe(false);
    expect(AttachmentAddArgs.safeParse({ ...args, type: 'application/x-msdownload' }).success).toBe(false);
    expect(AttachmentAddArgs.safeParse({ ...args, sha256: 'A'.repeat(64) }).success).toBe(false);
  });

  it('refuse a thumbnail that is not a JPEG data URL or is too large to travel with sync', () => {
    expect(AttachmentAddArgs.safeParse({ ...args, thumbnail: 'https://example.org/x.jpg' }).success).toBe(false);
    expect(AttachmentAddArgs.safeParse({ ...args, thumbnail: `data:image/jpeg;base64,${'A'.repeat(50_000)}` }).success).toBe(false);
  });
});

describe('answer proof', () => {
  it('passes with one uploaded before and one uploaded after photo', () => {
    expect(checkAnswerProof([{ kind: 'before', uploadedAt: NOW }, { kind: 'after', uploadedAt: NOW }])).toBeNull();
  });

  it('refuses with VALIDATION_FAILED when the after photo is missing', () => {
    const refusal = checkAnswerProof([{ kind: 'before', uploadedAt: NOW }, { kind: 'document', uploadedAt: NOW }]);
    expect(refusal?.code).toBe('VALIDATION_FAILED');
    expect(refusal?.message).toContain('стало');
    expect(refusal?.message).not.toContain('было');
  });

  it('does not count photos whose bytes have not reached the server', () => {
    const refusal = checkAnswerProof([{ kind: 'before', uploadedAt: NOW }, { kind: 'after', uploadedAt: null }]);
    expect(refusal?.code).toBe('VALIDATION_FAILED');
  });

  it('refuses an answer with no attachments at all, naming both photos', () => {
    expect(checkAnswerProof([])?.message).toMatch(/было.*стало/);
  });
});
