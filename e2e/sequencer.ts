import { statSync } from 'node:fs';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * The longest files start first, so the run does not end on one long file with the other worker idle. vitest orders by
 * the durations it cached from the last run, and a fresh clone (CI) has none: it then kept the glob's order, which put
 * the newcomer's walk (about a third of the run) in the middle and made it the tail. These are the files the per-file
 * table shows longest (each over 40 s on an idle two-core machine); the rest follow, larger files first.
 */
const LONGEST = ['newcomer', 'wall-soak', 'camera-live', 'wall-layouts'];

const rank = (s: TestSpecification) => {
  const i = LONGEST.findIndex((name) => s.moduleId.endsWith(`/${name}.e2e.ts`));
  return i === -1 ? LONGEST.length : i;
};

export default class LongestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const size = (s: TestSpecification) => statSync(s.moduleId).size;
    return [...files].sort((a, b) => rank(a) - rank(b) || size(b) - size(a));
  }
}
