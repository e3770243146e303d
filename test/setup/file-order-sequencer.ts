// vitest.config.ts `sequence.sequencer`: vitest's order (failed first, then longest first, one project
// after another) rearranged by fileOrder (test/setup/file-order.ts).
import { BaseSequencer, type TestSpecification } from 'vitest/node';
import { fileOrder } from './file-order';

export class FileOrderSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    return fileOrder(await super.sort(files), (file) => file.project.name);
  }
}
