import { styleText } from 'node:util';

/**
 * The server's log in a terminal: one short line per request (time, method, address, status, milliseconds, the
 * signed-in user) and one per other event, so that the start-up banner stays readable above it (issue 11). With
 * LOG_FORMAT=json, and by default when stdout is not a terminal (a process manager, a container, a file), the log is
 * pino's JSON lines as they are, for a log collector.
 *
 * A formatter of our own rather than pino-pretty: the lines are fixed and few, and this keeps the log in the main
 * thread (no transport worker that could lose the last lines at shutdown).
 */
export type LogFormat = 'pretty' | 'json';

interface Line {
  level?: number;
  time?: number;
  msg?: string;
  err?: { message?: string; stack?: string };
  method?: string;
  url?: string;
  status?: number;
  ms?: number;
  user?: string;
  [key: string]: unknown;
}

const LEVELS: Record<number, string> = { 10: 'TRACE', 20: 'DEBUG', 30: 'INFO', 40: 'WARN', 50: 'ERROR', 60: 'FATAL' };
// Said by pino or Fastify on every line, or already shown in the line itself.
const OMITTED = new Set([
  'level',
  'time',
  'pid',
  'hostname',
  'msg',
  'reqId',
  'err',
  'method',
  'url',
  'status',
  'ms',
  'user',
]);

export function createLogStream(format: LogFormat, out: NodeJS.WritableStream): { write(chunk: string): void } {
  if (format === 'json') return { write: (chunk) => void out.write(chunk) };
  const colour = 'isTTY' in out && out.isTTY === true;
  const paint = (style: Parameters<typeof styleText>[0], text: string) => (colour ? styleText(style, text) : text);
  return {
    write(chunk) {
      let line: Line;
      try {
        line = JSON.parse(chunk);
      } catch {
        out.write(chunk);
        return;
      }
      out.write(`${formatLine(line, paint)}\n`);
    },
  };
}

export function formatLine(
  line: Line,
  paint: (style: Parameters<typeof styleText>[0], text: string) => string = (_s, t) => t,
): string {
  const time = new Date(line.time ?? Date.now()).toTimeString().slice(0, 8);
  const level = line.level ?? 30;
  if (line.method && line.url && typeof line.status === 'number') {
    const status = String(line.status);
    const shown = line.status >= 500 ? paint('red', status) : line.status >= 400 ? paint('yellow', status) : status;
    return [paint('dim', time), line.method, line.url, shown, `${line.ms ?? '?'} ms`, line.user ?? '']
      .filter(Boolean)
      .join(' ');
  }
  const name = LEVELS[level] ?? String(level);
  const tag = level >= 50 ? paint('red', name) : level >= 40 ? paint('yellow', name) : name;
  const extra = Object.fromEntries(Object.entries(line).filter(([k]) => !OMITTED.has(k)));
  const parts = [paint('dim', time), tag, line.msg ?? ''];
  if (Object.keys(extra).length) parts.push(JSON.stringify(extra));
  let text = parts.filter(Boolean).join(' ');
  if (line.err) text += `\n${line.err.stack ?? line.err.message ?? ''}`;
  return text;
}
