import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildTemplates, TEMPLATES_ENV, type TemplateName } from './templates.js';
import { PG_TEST_ENV, prepareTemplate, startPostgres } from './postgres.js';

/**
 * vitest globalSetup: builds the seeded stores this run's files copy (server/testing/templates.ts) once, before any
 * file starts (those not built yet in a folder PANTAU_TEST_TEMPLATES already names), and hands their folder to the
 * test processes in PANTAU_TEST_TEMPLATES. A folder it made is removed after the run.
 */
export function templatesSetup(names: TemplateName[]) {
  return async () => {
    // npm test (scripts/test.sh) builds them beside the typecheck and gives their folder, which it removes itself.
    const given = process.env[TEMPLATES_ENV];
    const root = given ?? mkdtempSync(join(tmpdir(), 'pantau-run-templates-'));
    process.env[TEMPLATES_ENV] = root;
    await buildTemplates(root, names);
    return () => {
      if (!given) rmSync(root, { recursive: true, force: true });
    };
  };
}

/**
 * Starts the run's PostgreSQL cluster (server/testing/postgres.ts) with its template database and hands its address
 * to the test processes in PANTAU_TEST_PG; each PostgreSQL test file copies the template into a database of its own.
 */
export async function postgresSetup() {
  const cluster = await startPostgres();
  try {
    await prepareTemplate(cluster);
  } catch (e) {
    await cluster.stop();
    throw e;
  }
  process.env[PG_TEST_ENV] = cluster.url();
  return () => cluster.stop();
}

/** Both at once: the cluster's initdb and start overlap the seeding. */
export default async function setup() {
  const [stopTemplates, stopPostgres] = await Promise.all([templatesSetup(['accounts'])(), postgresSetup()]);
  return async () => {
    stopTemplates();
    await stopPostgres();
  };
}
