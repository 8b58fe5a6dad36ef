/**
 * How the server stops on Ctrl-C (SIGINT), a process manager or `kill` (SIGTERM), or a closed terminal (SIGHUP):
 * it answers the requests under way, stops the housekeeping, writes the audit checkpoint and closes the database, so
 * that the PGlite folder is left consistent and free for the next start (issue 11).
 *
 * - A stop asked for during start-up waits for the step under way (a migration, the demo data) and then stops;
 *   closing the database under a running transaction is what a clean stop must avoid.
 * - Each step has a time limit: a request that never ends must not keep the process, and the folder, forever.
 * - A second signal stops at once. One Ctrl-C can arrive twice, from the terminal to the whole process group and
 *   again forwarded by npm, so a repeat within a second counts as the same one.
 */
export interface Shutdown {
  /** A step to run at shutdown. Steps run last added first: the server before the database it uses. */
  add(name: string, close: () => unknown, timeoutMs?: number): void;
  /** Between start-up steps: stops here when a signal came while the step ran. */
  checkpoint(): Promise<void>;
  /** Start-up is over: a signal now stops at once. */
  ready(): void;
  /** Runs the steps and ends the process with `code` (0 if every step ended, else 1 when code is 0). */
  run(code?: number): Promise<never>;
}

export interface ShutdownOptions {
  /** Where the few lines about stopping go (stderr, apart from the request log). */
  say?: (line: string) => void;
  exit?: (code: number) => never;
  /** Time limit of a step that names none. */
  timeoutMs?: number;
  signals?: NodeJS.Signals[];
  /** A repeat of the signal within this many ms is the same one delivered twice. */
  repeatMs?: number;
}

export function handleShutdown(opts: ShutdownOptions = {}): Shutdown {
  const say = opts.say ?? ((line: string) => process.stderr.write(`${line}\n`));
  const exit = opts.exit ?? ((code: number) => process.exit(code));
  const defaultTimeout = opts.timeoutMs ?? 10_000;
  const steps: { name: string; close: () => unknown; timeoutMs: number }[] = [];
  let requestedAt: number | undefined;
  let started = false;
  let running: Promise<never> | undefined;

  const run = (code = 0): Promise<never> => {
    running ??= (async () => {
      let failed = false;
      for (const step of [...steps].reverse()) {
        let timer: NodeJS.Timeout | undefined;
        const limit = new Promise<'timeout'>((resolve) => {
          timer = setTimeout(() => resolve('timeout'), step.timeoutMs);
        });
        try {
          const outcome = await Promise.race([Promise.resolve().then(step.close), limit]);
          if (outcome === 'timeout') {
            failed = true;
            say(
              `停止时「${step.name}」超过 ${step.timeoutMs / 1000} 秒未结束，已跳过 / ${step.name}: still closing after ${step.timeoutMs / 1000} s, skipped`,
            );
          }
        } catch (err) {
          failed = true;
          say(`停止时「${step.name}」出错 / ${step.name} failed while stopping: ${(err as Error)?.message ?? err}`);
        } finally {
          clearTimeout(timer);
        }
      }
      say(failed ? '已停止（有步骤未正常结束） / stopped, not every step ended cleanly' : '已停止 / stopped');
      return exit(code === 0 && failed ? 1 : code);
    })();
    return running;
  };

  const onSignal = (signal: NodeJS.Signals) => {
    const now = Date.now();
    if (requestedAt === undefined) {
      requestedAt = now;
      say(
        started
          ? `收到 ${signal}，正在停止（再按一次 Ctrl-C 立即退出） / ${signal}: stopping (Ctrl-C again to quit at once)`
          : `收到 ${signal}，当前启动步骤完成后停止 / ${signal}: stopping once the current start-up step ends`,
      );
      if (started) void run();
      return;
    }
    if (now - requestedAt < (opts.repeatMs ?? 1000)) return;
    say(`再次收到 ${signal}，立即退出 / ${signal} again: quitting without closing`);
    exit(1);
  };
  for (const signal of opts.signals ?? (['SIGINT', 'SIGTERM', 'SIGHUP'] as NodeJS.Signals[])) {
    process.on(signal, onSignal);
  }

  return {
    add(name, close, timeoutMs = defaultTimeout) {
      steps.push({ name, close, timeoutMs });
    },
    async checkpoint() {
      if (requestedAt !== undefined) await run();
    },
    ready() {
      started = true;
      if (requestedAt !== undefined) void run();
    },
    run,
  };
}
