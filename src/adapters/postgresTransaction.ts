import type pg from 'pg';

/**
 * Runs `work` in one transaction on one connection: committed when it resolves, rolled back when it throws.
 * `snapshot`: every statement sees the same commits (REPEATABLE READ), for reads made of several queries.
 */
export async function inTransaction<Result>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<Result>, options: { snapshot?: boolean } = {}): Promise<Result> {
  const client = await pool.connect();
  try {
    await client.query(options.snapshot === true ? 'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY' : 'BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}
