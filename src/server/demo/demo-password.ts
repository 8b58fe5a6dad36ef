import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { passwordClassCount } from '../../contracts/auth';

/**
 * DEMO_PASSWORD from the environment, or a random one made at the first start and kept in DATA_DIR, so that the
 * password printed at start-up stays valid across restarts.
 */
export function demoPassword(configured: string | undefined, dataDir: string): string {
  if (configured) return configured;
  const file = path.join(dataDir, 'demo-password.txt');
  if (fs.existsSync(file)) return fs.readFileSync(file, 'utf8').trim();
  // Upper, lower, digit and symbol: satisfies the 3-of-4 rule whatever the random part holds.
  const password = `Hb-${randomBytes(6).toString('base64url')}7x`;
  if (passwordClassCount(password) < 3) throw new Error('generated demo password is too weak');
  fs.mkdirSync(dataDir, { recursive: true });
  fs.writeFileSync(file, `${password}\n`, { mode: 0o600 });
  return password;
}
