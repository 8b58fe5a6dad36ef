import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { loadConfig } from '../config';

/**
 * `npm run demo:reset`: throw the database away so that the next `npm start` builds it anew with demo data.
 * PGlite: deletes DATA_DIR/pglite (refused while a server holds it). PostgreSQL: drops and recreates the public
 * schema of DATABASE_URL, and only when DEMO_RESET_CONFIRM=yes, since that database may hold real data.
 */
const config = loadConfig();
if (config.databaseUrl) {
  if (process.env.DEMO_RESET_CONFIRM !== 'yes') {
    console.error(
      '将清空 DATABASE_URL 指向的数据库。确认请设置 DEMO_RESET_CONFIRM=yes\nThis wipes the database at DATABASE_URL; set DEMO_RESET_CONFIRM=yes to confirm.',
    );
    process.exit(2);
  }
  const client = new pg.Client({ connectionString: config.databaseUrl });
  await client.connect();
  await client.query(
    'drop schema if exists public cascade; drop schema if exists drizzle cascade; create schema public',
  );
  await client.end();
  console.log('数据库已清空 / database wiped');
} else {
  const dir = path.join(config.dataDir, 'pglite');
  const lock = path.join(dir, 'platform.lock');
  if (fs.existsSync(lock)) {
    const pid = Number(fs.readFileSync(lock, 'utf8'));
    try {
      process.kill(pid, 0);
      console.error(`服务正在使用 ${dir}（pid ${pid}），请先停止 / stop the server (pid ${pid}) first`);
      process.exit(2);
    } catch {
      // stale lock: the server is gone
    }
  }
  fs.rmSync(dir, { recursive: true, force: true });
  console.log(`已删除 / removed ${dir}`);
}
