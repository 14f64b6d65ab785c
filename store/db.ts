/** What every repository of the store shares: how it reaches the database, and how it refuses. */
import { ApplicationFailure } from '@temporalio/common';
import type { Pool, PoolClient } from 'pg';
import type { ErrorTypeName } from '../domain/errors.js';

/** A pool, a pooled client or a single connection: anything that runs a statement. */
export type Queryable = Pick<Pool, 'query'>;

/**
 * A refusal retrying cannot fix, typed from the catalogue in domain/errors.ts: activities fail
 * without retries, and the CLI and API turn it into an exit code or a problem as for any other.
 */
export function refusal(message: string, type: ErrorTypeName): ApplicationFailure {
  return ApplicationFailure.nonRetryable(message, type);
}

/** `work` in one transaction on `client`: all of it or, on any failure, none of it. */
export async function inTransaction<T>(client: PoolClient, work: () => Promise<T>): Promise<T> {
  await client.query('BEGIN');
  try {
    const result = await work();
    await client.query('COMMIT');
    return result;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  }
}

/** One pooled client for `work`, released whatever happens. */
export async function withClient<T>(pool: Pool, work: (client: PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    return await work(client);
  } finally {
    client.release();
  }
}

/** An ISO instant in UTC with milliseconds, as the domain writes them. */
export function isoInstant(column: string): string {
  return `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
}
