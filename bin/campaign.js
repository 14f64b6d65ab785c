#!/usr/bin/env node
// The `campaign` command. Sources are TypeScript run through tsx, so a fresh clone needs no
// build step before `npx campaign …` works.
import { register } from 'tsx/esm/api';

register();
await import('../workers/cli/main.ts');
