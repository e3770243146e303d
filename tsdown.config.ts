// The build: every public entry point to ESM and CommonJS with declarations, the CLI to one ESM file.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { defineConfig, type UserConfig } from 'tsdown';

// Declarations come from TypeScript 7's own compiler (the tsgo mode of rolldown-plugin-dts).
const typescriptDir = dirname(createRequire(join(process.cwd(), 'package.json')).resolve('typescript/package.json'));
const { default: getExePath } = (await import(pathToFileURL(join(typescriptDir, 'lib/getExePath.js')).href)) as { default: () => string };

const shared: UserConfig = {
  platform: 'node',
  target: 'node20',
  outDir: 'dist',
  tsconfig: 'tsconfig.build.json',
};

export default defineConfig([
  {
    ...shared,
    entry: {
      fake: 'mocks/index.ts',
      msw: 'mocks/msw.ts',
      express: 'mocks/express.ts',
      signing: 'src/signing/index.ts',
      harness: 'src/harness/index.ts',
    },
    format: ['esm', 'cjs'],
    shims: true,
    dts: { tsgo: { path: getExePath() } },
  },
  {
    ...shared,
    entry: { cli: 'src/cli/bin.ts' },
    format: ['esm'],
    dts: false,
  },
]);
