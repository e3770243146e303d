// vitest.config.ts `sequence.sequencer`: vitest's order (failed first, then longest first, one project
// after another) rearranged by fileOrder (test/setup/file-order.ts), the browser files told by their path.
import { relative } from 'node:path';
import { BaseSequencer, type TestSpecification } from 'vitest/node';
import { BROWSER_FILES } from '../projects';
import { fileOrder, SPREAD } from './file-order';

const BROWSER: ReadonlySet<string> = new Set(BROWSER_FILES);

export class FileOrderSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const kindOf = (file: TestSpecification): string => (BROWSER.has(relative(file.project.config.root, file.moduleId)) ? SPREAD : file.project.name);
    return fileOrder(await super.sort(files), kindOf);
  }
}
