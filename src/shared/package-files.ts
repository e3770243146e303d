// Where the package's shipped files are (collections, OpenAPI, seed) and its version, whether the
// code runs from the source tree or from the build in dist/.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const NAME = 'myvalue-harness';

interface Manifest {
  name?: string;
  version?: string;
  bin?: Record<string, string>;
}

function findPackage(from: string): { root: string; manifest: Manifest } {
  for (let dir = from; ; dir = dirname(dir)) {
    const file = join(dir, 'package.json');
    if (existsSync(file)) {
      const manifest = JSON.parse(readFileSync(file, 'utf8')) as Manifest;
      if (manifest.name === NAME) return { root: dir, manifest };
    }
    if (dirname(dir) === dir) throw new Error(`${NAME}: no package.json named ${NAME} above ${from}`);
  }
}

const found = findPackage(dirname(fileURLToPath(import.meta.url)));

/** The package's directory (the repository, or node_modules/myvalue-harness). */
export const PACKAGE_ROOT: string = found.root;

/** The package's version, from its package.json. */
export const PACKAGE_VERSION: string = found.manifest.version ?? '0.0.0';

/** The names the CLI is installed under (`bin` in package.json): `myvalue`, and `myvalue-harness` for npx. */
export const PACKAGE_BINS: readonly string[] = Object.keys(found.manifest.bin ?? {});

/** Absolute path of a file the package ships, e.g. shippedFile('mocks/seed.json'). */
export function shippedFile(relative: string): string {
  return join(PACKAGE_ROOT, relative);
}

/** The project's OpenAPI contract: collections/openapi/myvalue.openapi.yaml of this package. */
export const CONTRACT_FILE: string = shippedFile('collections/openapi/myvalue.openapi.yaml');
