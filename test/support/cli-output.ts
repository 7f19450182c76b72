// What a command-line entry point wrote, for tests that call its main() in-process instead of spawning it.
import { Writable } from 'node:stream';

export class TextSink extends Writable {
  private readonly chunks: string[] = [];

  override _write(chunk: Buffer | string, _encoding: BufferEncoding, done: (error?: Error | null) => void): void {
    this.chunks.push(chunk.toString());
    done();
  }

  get text(): string {
    return this.chunks.join('');
  }
}

/** stdout and stderr that keep what was written, and an environment that selects nothing by accident. */
export function cliContext(env: NodeJS.ProcessEnv = {}): { stdout: TextSink; stderr: TextSink; env: NodeJS.ProcessEnv } {
  return { stdout: new TextSink(), stderr: new TextSink(), env };
}
