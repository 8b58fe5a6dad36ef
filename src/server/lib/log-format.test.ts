import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config';
import { createLogStream, formatLine } from './log-format';

const at = new Date(2026, 11, 7, 14, 42, 52).getTime();

describe('the log in a terminal (issue 11)', () => {
  it('writes a request as one short line: time, method, address, status, ms, user', () => {
    const line = { level: 30, time: at, reqId: 'x', method: 'GET', url: '/api/centres?page=1', status: 200, ms: 12 };
    expect(formatLine({ ...line, user: 'province', msg: 'request' })).toBe(
      '14:42:52 GET /api/centres?page=1 200 12 ms province',
    );
    expect(formatLine({ ...line, status: 401, msg: 'request' })).toBe('14:42:52 GET /api/centres?page=1 401 12 ms');
  });

  it('writes other events with their level, and an error with its stack', () => {
    expect(formatLine({ level: 30, time: at, pid: 1, hostname: 'h', msg: 'Server listening at http://x' })).toBe(
      '14:42:52 INFO Server listening at http://x',
    );
    const warn = formatLine({ level: 40, time: at, msg: 'cleared', abandonedImports: 2 });
    expect(warn).toBe('14:42:52 WARN cleared {"abandonedImports":2}');
    const error = formatLine({
      level: 50,
      time: at,
      msg: 'failed',
      err: { message: 'boom', stack: 'Error: boom\n at x' },
    });
    expect(error).toBe('14:42:52 ERROR failed\nError: boom\n at x');
  });

  it('passes JSON lines through untouched when asked for JSON', () => {
    let written = '';
    const write = (s: string) => {
      written += s;
      return true;
    };
    const out = { write } as unknown as NodeJS.WritableStream;
    createLogStream('json', out).write('{"level":30,"msg":"a"}\n');
    expect(written).toBe('{"level":30,"msg":"a"}\n');
    written = '';
    createLogStream('pretty', out).write(`{"level":30,"time":${at},"msg":"a"}\n`);
    expect(written).toBe('14:42:52 INFO a\n');
  });

  it('takes LOG_FORMAT pretty or json and refuses anything else', () => {
    expect(loadConfig({ LOG_FORMAT: 'json' }).logFormat).toBe('json');
    expect(loadConfig({ LOG_FORMAT: 'pretty' }).logFormat).toBe('pretty');
    expect(() => loadConfig({ LOG_FORMAT: 'yaml' })).toThrow(/LOG_FORMAT/);
  });
});
