// The build: every public entry point to ESM and CommonJS with declarations, the CLI to one ESM file.
// The Postman sandbox programs (.js beside the TypeScript) are written into the build as text.
// `npm run build` loads this file through tsdown's build(), not the tsdown command, whose Node 20
// notice does not apply to the pinned 0.21 (docs/decisions/package-and-process.md).
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { defineConfig, type Rolldown, type UserConfig } from 'tsdown';
import { sandboxSource } from './src/shared/sandbox-source';

// Declarations come from TypeScript 7's own compiler (the tsgo mode of rolldown-plugin-dts).
const typescriptDir = dirname(createRequire(join(process.cwd(), 'package.json')).resolve('typescript/package.json'));
const { default: getExePath } = (await import(pathToFileURL(join(typescriptDir, 'lib/getExePath.js')).href)) as { default: () => string };

/** `sandboxSource(new URL('./x.js', import.meta.url))`, the one form src/shared/sandbox-source.ts allows. */
const SANDBOX_CALL = /\bsandboxSource\(\s*new URL\(\s*(['"])([^'"]+)\1\s*,\s*import\.meta\.url\s*\)\s*\)/g;

/**
 * Replaces each sandboxSource(...) call by the text it returns in the source tree (the same function
 * makes it), so dist/ holds the scripts and reads no file: nothing to copy, to resolve or to go stale.
 */
function inlineSandboxSources(): Rolldown.Plugin {
  return {
    name: 'myvalue:inline-sandbox-sources',
    transform: {
      filter: { code: 'sandboxSource(' },
      handler(code, id) {
        if (id.endsWith('/src/shared/sandbox-source.ts')) return null;
        const inlined = code.replace(SANDBOX_CALL, (_call, _quote, relative: string) => {
          const file = new URL(relative, pathToFileURL(id));
          this.addWatchFile(file.pathname);
          return JSON.stringify(sandboxSource(file));
        });
        if (/\bsandboxSource\(/.test(inlined.replace(/^import .*$/gm, ''))) this.error(`${id}: sandboxSource() takes new URL('<literal>', import.meta.url), the form the build inlines`);
        return { code: inlined, map: null };
      },
    },
    renderChunk(code, chunk) {
      if (code.includes('sandboxSource')) this.error(`${chunk.fileName}: a sandboxSource() call was left in the build; it would read a file dist/ does not ship`);
      return null;
    },
  };
}

const shared: UserConfig = {
  platform: 'node',
  target: 'node20',
  outDir: 'dist',
  tsconfig: 'tsconfig.build.json',
  plugins: [inlineSandboxSources()],
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
