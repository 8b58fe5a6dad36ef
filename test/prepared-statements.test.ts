import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PREPARED_PER_CONNECTION, prepareByText } from '../src/server/db/prepared';

const url = process.env.TEST_DATABASE_URL;
if (!url)
  console.log('prepared-statements.test.ts: PGlite run; prepared statements are a PostgreSQL connection matter');

describe.skipIf(!url)('statements planned once per connection (decision 0022)', () => {
  let client: pg.Client;
  const preparedNames = async () =>
    (await client.query<{ name: string }>('select name from pg_prepared_statements order by name')).rows.map(
      (r) => r.name,
    );

  beforeAll(async () => {
    client = new pg.Client({ connectionString: url });
    await client.connect();
    prepareByText(client);
  });
  afterAll(async () => client?.end());

  it('prepares a parameterised statement once, by its text, and answers it as before', async () => {
    const text = 'select $1::int + 1 as n';
    const a = await client.query({ text, values: [1] });
    const b = await client.query({ text, values: [41] });
    expect([a.rows[0].n, b.rows[0].n]).toEqual([2, 42]);
    expect(await preparedNames()).toHaveLength(1);
    // Values passed beside the text (as drizzle passes them) name the same statement.
    const c = await client.query({ text }, [9]);
    expect(c.rows[0].n).toBe(10);
    expect(await preparedNames()).toHaveLength(1);
  });

  it('leaves statements without parameters, and several in one text, on the simple protocol', async () => {
    const before = await preparedNames();
    await client.query('select 1; select 2');
    await client.query({ text: 'select now()' });
    expect(await preparedNames()).toEqual(before);
  });

  it(`keeps at most ${PREPARED_PER_CONNECTION} per connection; later shapes still answer, unnamed`, async () => {
    for (let i = 0; i < PREPARED_PER_CONNECTION + 20; i++) {
      const r = await client.query({ text: `select $1::int * ${i} as n`, values: [2] });
      expect(r.rows[0].n).toBe(2 * i);
    }
    expect(await preparedNames()).toHaveLength(PREPARED_PER_CONNECTION);
  });
});
