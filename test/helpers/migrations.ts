import { readdirSync } from 'node:fs';

/** Every migration in db/migrations, in the order they apply. */
export function allMigrations(): string[] {
  return readdirSync(new URL('../../db/migrations/', import.meta.url))
    .filter((f) => f.endsWith('.sql'))
    .map((f) => f.replace(/\.sql$/, ''))
    .sort();
}
