// The one place main-process IPC handlers are registered: it checks the sender, parses arguments with zod and answers with Result values.
import type { z } from 'zod';
import { fail, type Result } from '../shared/errors.js';
import { isIpcChannel, type IpcArgs, type IpcChannel, type IpcResult } from '../shared/ipc.js';

/** What the registry reads from an IPC event; Electron's `IpcMainInvokeEvent` fits, and tests pass plain objects. */
export interface IpcSenderEvent {
  readonly senderFrame: { readonly url: string; readonly parent: unknown } | null;
}

/** The slice of Electron's `ipcMain` the registry needs. */
export interface IpcTransport {
  handle(channel: string, listener: (event: IpcSenderEvent, ...args: unknown[]) => Promise<unknown>): void;
}

export type IpcHandler<C extends IpcChannel> = (
  args: IpcArgs<C>,
  event: IpcSenderEvent,
) => IpcResult<C> | Promise<IpcResult<C>>;

export interface IpcRegistry {
  /** Registers the handler of a contract channel; a channel outside the contract or registered twice is a bug and throws at start. */
  handle<C extends IpcChannel>(channel: C, schema: z.ZodType<IpcArgs<C>>, handler: IpcHandler<C>): void;
  /** Runs one call through every check; what the transport invokes. Never throws. */
  dispatch(channel: string, event: IpcSenderEvent, args: readonly unknown[]): Promise<Result<unknown>>;
}

export interface IpcRegistryOptions {
  /** Whether a frame URL belongs to the console (the app:// origin). */
  isTrustedUrl(url: string): boolean;
  /** Where handler crashes go; a crash becomes an INTERNAL answer, it is never swallowed silently. */
  logError?(message: string, error: unknown): void;
}

type AnyHandler = (args: unknown, event: IpcSenderEvent) => Result<unknown> | Promise<Result<unknown>>;

export function createIpcRegistry(transport: IpcTransport | null, options: IpcRegistryOptions): IpcRegistry {
  const handlers = new Map<IpcChannel, { schema: z.ZodType; handler: AnyHandler }>();
  const logError = options.logError ?? ((message, error) => console.error(message, error));

  async function dispatch(channel: string, event: IpcSenderEvent, args: readonly unknown[]): Promise<Result<unknown>> {
    const entry = isIpcChannel(channel) ? handlers.get(channel) : undefined;
    if (entry === undefined) return fail('NOT_FOUND', `unknown channel ${channel}`); // unknown channel
    const frame = event.senderFrame;
    if (frame === null) return fail('FORBIDDEN', 'sender frame is gone'); // gone
    if (frame.parent !== null) return fail('FORBIDDEN', 'only the console main frame may call the shell'); // unexpected frame
    if (!options.isTrustedUrl(frame.url)) return fail('FORBIDDEN', 'sender is not the console'); // foreign origin
    if (args.length > 1) return fail('BAD_MESSAGE', `${channel} takes at most one argument`); // arity
    const parsed = entry.schema.safeParse(args[0]);
    if (!parsed.success) return fail('BAD_MESSAGE', `${channel}: ${parsed.error.issues.map((issue) => `${issue.path.join('.') || 'argument'}: ${issue.message}`).join('; ')}`); // malformed
    try {
      return await entry.handler(parsed.data, event);
    } catch (error) {
      logError(`IPC handler for ${channel} failed`, error);
      return fail('INTERNAL', error instanceof Error ? error.message : String(error)); // crashed
    }
  }

  return {
    handle(channel, schema, handler) {
      if (!isIpcChannel(channel)) throw new Error(`IPC channel ${String(channel)} is not in shared/ipc.ts`); // unknown channel
      if (handlers.has(channel)) throw new Error(`IPC channel ${channel} registered twice`); // duplicate
      handlers.set(channel, { schema, handler: handler as AnyHandler });
      transport?.handle(channel, (event, ...args) => dispatch(channel, event, args));
    },
    dispatch,
  };
}
