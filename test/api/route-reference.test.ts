/**
 * docs/api.md's route reference is the server's own OpenAPI document rendered (method, path,
 * summary, roles, body fields), so the docs cannot drift from the routes: a route added, renamed
 * or given another body fails this test until the section is pasted from its message.
 */
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiTestEnv, type ApiTestEnv } from './api-env.js';
import { routeReference, type OpenApiDocument } from './route-table.js';

const DOCS = new URL('../../docs/api.md', import.meta.url);
const START = '<!-- route-reference: generated from the routes; test/api/route-reference.test.ts checks it -->';
const END = '<!-- /route-reference -->';

let api: ApiTestEnv;
beforeAll(async () => {
  api = await apiTestEnv('api-route-reference');
});
afterAll(() => api?.stop());

describe('docs/api.md route reference', () => {
  it('lists every route the server serves, as its OpenAPI document describes it', async () => {
    const document = (await api.call('GET', '/v1/openapi.json')).body as OpenApiDocument;
    const docs = await readFile(DOCS, 'utf8');
    const section = docs.slice(docs.indexOf(START) + START.length, docs.indexOf(END)).trim();
    expect(docs.indexOf(START)).toBeGreaterThan(0);
    expect(section, `paste between the route-reference markers in docs/api.md:\n${routeReference(document)}`).toBe(routeReference(document));
  });
});
