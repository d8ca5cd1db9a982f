import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildTemplates, TEMPLATES_ENV, type TemplateName } from './templates.js';

/**
 * vitest globalSetup: builds the seeded stores this run's files copy (server/testing/templates.ts) once, before any
 * file starts, and hands their folder to the test processes in PANTAU_TEST_TEMPLATES. Removed after the run.
 */
export function templatesSetup(names: TemplateName[]) {
  return async () => {
    const root = mkdtempSync(join(tmpdir(), 'pantau-run-templates-'));
    process.env[TEMPLATES_ENV] = root;
    await buildTemplates(root, names);
    return () => rmSync(root, { recursive: true, force: true });
  };
}

export default templatesSetup(['accounts']);
