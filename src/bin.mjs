#!/usr/bin/env node
// Entry point of `npx myvalue`: loads the TypeScript CLI through tsx, so the repo ships no build step.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('./cli/main.ts');
process.exitCode = await main(process.argv);
