#!/usr/bin/env node
// Entry point of `npx myvalue` (built to dist/cli.mjs): the CLI, whose subcommands load their modules when they run.
import { main } from './main';

process.exitCode = await main(process.argv);
