// A bad link for upload tests and the photos bench: a local TCP proxy that throttles, counts the bytes sent through it, cuts every connection on a timer or on demand, and can stall; plus a tus upload in Node.
import { createServer, connect, type Server, type Socket } from 'node:net';
import { Upload, type DetailedError, type HttpRequest, type UrlStorage, type PreviousUpload } from 'tus-js-client';
import { UploadErrorBody, UPLOADS_PATH, type UploadErrorCode } from '../../shared/index.js';

export interface LinkOptions {
  /** host:port of the real server. */
  targetPort: number;
  /** Upload bandwidth in bytes per second (client → server); null: as fast as the machine goes. */
  bytesPerSecond?: number | null;
  /** Cut every open connection this often (ms); null: never. */
  cutEveryMs?: number | null;
}

export interface BadLink {
  readonly port: number;
  readonly url: string;
  /** Bytes the client sent into the link (client → server direction), headers included. */
  readonly bytesSent: number;
  /** How many times the link was cut while a connection was open. */
  readonly cuts: number;
  resetCounters(): void;
  /** Cuts every open connection now, as a dropped radio link does. */
  cut(): void;
  /** Stops forwarding what clients send (connections stay open, as on a link that stalls) until release(). */
  hold(): void;
  release(): void;
  close(): Promise<void>;
}

export async function startBadLink(options: LinkOptions): Promise<BadLink> {
  const pairs = new Set<[Socket, Socket]>();
  let bytesSent = 0;
  let cuts = 0;
  let held = false;
  const rate = options.bytesPerSecond ?? null;
  const resume = (client: Socket) => {
    if (!held && !client.destroyed) client.resume();
  };

  const server: Server = createServer((client) => {
    const upstream = connect(options.targetPort, '127.0.0.1');
    const pair: [Socket, Socket] = [client, upstream];
    pairs.add(pair);
    const drop = () => {
      pairs.delete(pair);
      client.destroy();
      upstream.destroy();
    };
    client.on('error', drop);
    upstream.on('error', drop);
    client.on('close', drop);
    upstream.on('close', drop);
    upstream.pipe(client);
    client.on('data', (chunk: Buffer) => {
      bytesSent += chunk.length;
      upstream.write(chunk);
      if (rate !== null) {
        // back-pressure on the sender, as a slow radio link would: nothing piles up inside the proxy
        client.pause();
        setTimeout(() => resume(client), (chunk.length / rate) * 1000);
      }
    });
    if (held) client.pause();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;

  const cut = () => {
    if (pairs.size === 0) return;
    cuts++;
    for (const [client, upstream] of [...pairs]) {
      client.destroy();
      upstream.destroy();
    }
    pairs.clear();
  };
  const timer = options.cutEveryMs == null ? null : setInterval(cut, options.cutEveryMs);

  return {
    port,
    url: `http://127.0.0.1:${port}`,
    get bytesSent() {
      return bytesSent;
    },
    get cuts() {
      return cuts;
    },
    resetCounters() {
      bytesSent = 0;
      cuts = 0;
    },
    cut,
    hold() {
      held = true;
      for (const [client] of pairs) client.pause();
    },
    release() {
      held = false;
      for (const [client] of pairs) resume(client);
    },
    async close() {
      if (timer) clearInterval(timer);
      for (const [client, upstream] of pairs) {
        client.destroy();
        upstream.destroy();
      }
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** A urlStorage kept in memory: stands in for the console's IndexedDB one across a "restart". */
export class MemoryUrlStorage implements UrlStorage {
  readonly rows = new Map<string, PreviousUpload & { fingerprint: string }>();
  async findAllUploads(): Promise<PreviousUpload[]> {
    return [...this.rows.values()];
  }
  async findUploadsByFingerprint(fingerprint: string): Promise<PreviousUpload[]> {
    return [...this.rows.values()].filter((r) => r.fingerprint === fingerprint);
  }
  async removeUpload(urlStorageKey: string): Promise<void> {
    this.rows.delete(urlStorageKey);
  }
  async addUpload(fingerprint: string, upload: PreviousUpload): Promise<string> {
    const key = `tus::${fingerprint}`;
    this.rows.set(key, { ...upload, urlStorageKey: key, fingerprint });
    return key;
  }
}

export interface NodeUploadOptions {
  /** Base URL the upload goes to (the server, or a bad link in front of it). */
  baseUrl: string;
  token: string;
  attachmentId: string;
  bytes: Buffer;
  type: string;
  fileName?: string;
  urlStorage?: UrlStorage;
  /** Stop (as a closing console would) once this many bytes are confirmed. */
  abortAfterBytes?: number;
  /** Every request, for assertions on method and Upload-Offset. */
  onRequest?: (method: string, headers: { offset: string | undefined }) => void;
  retryDelays?: number[];
}

export type NodeUploadOutcome =
  | { ok: true; url: string }
  | { ok: false; aborted: true; url: string | null }
  | { ok: false; aborted: false; status: number; code: UploadErrorCode | null; message: string };

/** The server's coded answer inside a tus error, when there is one. */
export function uploadErrorOf(error: Error): { status: number; code: UploadErrorCode | null } {
  const response = (error as DetailedError).originalResponse;
  const status = response?.getStatus() ?? 0;
  try {
    const parsed = UploadErrorBody.safeParse(JSON.parse(response?.getBody() ?? ''));
    return { status, code: parsed.success ? parsed.data.error.code : null };
  } catch {
    return { status, code: null };
  }
}

/** One tus upload with tus-js-client in Node, resolved with its outcome (never rejected). */
export function nodeUpload(options: NodeUploadOptions): Promise<NodeUploadOutcome> {
  return new Promise((resolve) => {
    let upload: Upload | null = null;
    const finishAbort = () => {
      const url = upload?.url ?? null;
      void upload?.abort(false).then(() => resolve({ ok: false, aborted: true, url }));
    };
    upload = new Upload(options.bytes, {
      endpoint: `${options.baseUrl}${UPLOADS_PATH}`,
      metadata: { attachmentId: options.attachmentId, filetype: options.type, filename: options.fileName ?? `${options.attachmentId}.jpg` },
      // the same identity the console uses, so a stored URL is found again after a restart
      fingerprint: async () => `otklik-attachment-${options.attachmentId}`,
      urlStorage: options.urlStorage ?? new MemoryUrlStorage(),
      storeFingerprintForResuming: true,
      removeFingerprintOnSuccess: true,
      retryDelays: options.retryDelays ?? [0, 250, 500, 1000, 2000, 3000],
      onShouldRetry: (error) => {
        const { status, code } = uploadErrorOf(error);
        if (code !== null && code !== 'INTERNAL') return false;
        return status === 0 || status >= 500 || status === 409 || status === 423;
      },
      onBeforeRequest: (req: HttpRequest) => {
        req.setHeader('Authorization', `Bearer ${options.token}`);
        options.onRequest?.(req.getMethod(), { offset: req.getHeader('Upload-Offset') });
      },
      onProgress: (sent) => {
        if (options.abortAfterBytes !== undefined && sent >= options.abortAfterBytes) finishAbort();
      },
      onSuccess: () => resolve({ ok: true, url: upload!.url ?? '' }),
      onError: (error) => {
        const { status, code } = uploadErrorOf(error);
        resolve({ ok: false, aborted: false, status, code, message: error.message });
      },
    });
    const started = upload;
    // what a restarted console does: the URL stored for this attachment, if any, and on from the server's offset
    void started.findPreviousUploads().then((previous) => {
      if (previous[0]) started.resumeFromPreviousUpload(previous[0]);
      started.start();
    });
  });
}
