import { describe, expect, it } from 'vitest';
import { handleShutdown } from './shutdown';

// A signal the test sends to itself without disturbing the runner: SIGUSR2 stands in for SIGTERM.
const SIGNAL = 'SIGUSR2';

function setUp(timeoutMs = 1000, repeatMs?: number) {
  const said: string[] = [];
  let exitCode: number | undefined;
  let exited!: () => void;
  const done = new Promise<void>((r) => {
    exited = r;
  });
  const shutdown = handleShutdown({
    say: (line) => said.push(line),
    exit: ((code: number) => {
      exitCode = code;
      exited();
    }) as (code: number) => never,
    timeoutMs,
    signals: [SIGNAL],
    repeatMs,
  });
  return { shutdown, said, done, exitCode: () => exitCode };
}

describe('stopping the server (issue 11)', () => {
  it('closes the server before the database, then ends with 0', async () => {
    const { shutdown, done, exitCode } = setUp();
    const order: string[] = [];
    shutdown.add('database', () => order.push('database'));
    shutdown.add('server', async () => order.push('server'));
    shutdown.ready();
    process.emit(SIGNAL, SIGNAL);
    await done;
    expect(order).toEqual(['server', 'database']);
    expect(exitCode()).toBe(0);
    process.removeAllListeners(SIGNAL);
  });

  it('a step that never ends is skipped after its time limit and the next still runs; the exit code says so', async () => {
    const { shutdown, done, said, exitCode } = setUp(50);
    const order: string[] = [];
    shutdown.add('database', () => order.push('database'));
    shutdown.add('server', () => new Promise(() => {}));
    shutdown.ready();
    process.emit(SIGNAL, SIGNAL);
    await done;
    expect(order).toEqual(['database']);
    expect(said.join('\n')).toContain('server: still closing');
    expect(exitCode()).toBe(1);
    process.removeAllListeners(SIGNAL);
  });

  it('a signal during start-up waits for the step under way and stops at the next checkpoint', async () => {
    const { shutdown, done, exitCode } = setUp();
    const order: string[] = [];
    shutdown.add('database', () => order.push('database'));
    process.emit(SIGNAL, SIGNAL);
    expect(order).toEqual([]); // nothing closed under the running step
    void shutdown.checkpoint();
    await done;
    expect(order).toEqual(['database']);
    expect(exitCode()).toBe(0);
    process.removeAllListeners(SIGNAL);
  });

  it('the same signal twice at once (terminal and npm) is one stop, not a forced exit', async () => {
    const { shutdown, done, said, exitCode } = setUp();
    shutdown.add('database', () => new Promise((r) => setTimeout(r, 20)));
    shutdown.ready();
    process.emit(SIGNAL, SIGNAL);
    process.emit(SIGNAL, SIGNAL);
    await done;
    expect(said.join('\n')).not.toContain('quitting without closing');
    expect(exitCode()).toBe(0);
    process.removeAllListeners(SIGNAL);
  });

  it('a second signal later on quits at once, without waiting for a stuck step', async () => {
    const { shutdown, done, said, exitCode } = setUp(60_000, 0);
    shutdown.add('server', () => new Promise(() => {}));
    shutdown.ready();
    process.emit(SIGNAL, SIGNAL);
    process.emit(SIGNAL, SIGNAL);
    await done;
    expect(said.join('\n')).toContain('quitting without closing');
    expect(exitCode()).toBe(1);
    process.removeAllListeners(SIGNAL);
  });
});
