import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import pg from 'pg';
import { type Database, openPglite, openPostgres } from '../../src/server/db/client';
import { TEMPLATE_FILE } from './constants';

export const usingPostgres = Boolean(process.env.TEST_DATABASE_URL);

export interface TestDatabase extends Database {
  /** PostgreSQL: the new database's URL (what DATABASE_URL would be); undefined for PGlite. */
  url: string | undefined;
  /** Open a second, independent handle on the same database (a second app instance). PostgreSQL only. */
  openAnother(): Promise<Database>;
}

/**
 * A fresh database for one test file: a new PostgreSQL database on TEST_DATABASE_URL's server when that is set,
 * otherwise an in-memory PGlite copied from the run's template. Either way the schema comes from the migrations.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) {
    const database = await openPglite(undefined, { loadFrom: new Blob([fs.readFileSync(TEMPLATE_FILE)]) });
    return {
      ...database,
      url: undefined,
      openAnother: async () => {
        throw new Error('PGlite is one connection in one process; a second instance needs PostgreSQL');
      },
    };
  }
  const name = `t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const database = await openPostgres(url.toString(), { max: 25 });
  const others: Database[] = [];
  return {
    ...database,
    url: url.toString(),
    openAnother: async () => {
      const other = await openPostgres(url.toString(), { max: 25 });
      others.push(other);
      return other;
    },
    close: async () => {
      for (const o of others) await o.close();
      await database.close();
      const drop = new pg.Client({ connectionString: adminUrl });
      await drop.connect();
      await drop.query(`drop database if exists ${name} with (force)`);
      await drop.end();
    },
  };
}
