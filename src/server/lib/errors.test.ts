import { describe, expect, it } from 'vitest';
import { AppError, ERROR_MESSAGES, ERROR_STATUS, localeFromHeader, renderMessage } from './errors';

describe('AppError and its messages', () => {
  it('has a Chinese and an English message for every code, and a 4xx/5xx status', () => {
    for (const code of Object.keys(ERROR_STATUS) as (keyof typeof ERROR_STATUS)[]) {
      expect(ERROR_MESSAGES[code]['zh-CN']).toMatch(/[\u4e00-\u9fff]/);
      expect(ERROR_MESSAGES[code].en).toMatch(/[A-Za-z]/);
      expect(ERROR_STATUS[code]).toBeGreaterThanOrEqual(400);
    }
  });

  it('fills placeholders from details', () => {
    expect(renderMessage('PARK_NAME_TAKEN', 'zh-CN', { name: '宜昌高新区' })).toBe('已存在同名园区“宜昌高新区”');
    expect(new AppError('VERSION_CONFLICT').status).toBe(409);
  });

  it('answers in Chinese unless the client asks for English first', () => {
    expect(localeFromHeader(undefined)).toBe('zh-CN');
    expect(localeFromHeader('zh-CN,zh;q=0.9,en;q=0.8')).toBe('zh-CN');
    expect(localeFromHeader('en-US,en;q=0.9')).toBe('en');
  });
});
