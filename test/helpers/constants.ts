import path from 'node:path';

export const TEST_PASSWORD = 'Test#2026pw';
export const TEST_AUDIT_KEY = Buffer.from('test-audit-key-not-for-production', 'utf8');
export const TEST_FIELD_KEY = Buffer.from('test-field-key-not-for-production', 'utf8');
/** A Tuesday morning in Beijing; tests move the clock from here. */
export const TEST_START = new Date('2026-11-24T01:00:00.000Z');
export const TEMPLATE_FILE = path.resolve(import.meta.dirname, '../../.test-data/pglite-template.tar');
