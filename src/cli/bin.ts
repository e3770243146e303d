#!/usr/bin/env node
// Entry point of `npx myvalue` and `npx myvalue-harness` (built to dist/cli.mjs): the CLI, whose subcommands load their modules when they run.
import { main } from './main';

process.exitCode = await main(process.argv);
