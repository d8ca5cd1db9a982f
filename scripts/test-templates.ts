import { buildTemplates, TEMPLATES_ENV, type TemplateName } from '../server/testing/templates.js';

/**
 * Builds the seeded stores the test files copy (server/testing/templates.ts) into PANTAU_TEST_TEMPLATES, so that
 * scripts/test.sh can make them beside the typecheck and the build, once for the unit and the e2e run.
 */
const root = process.env[TEMPLATES_ENV];
if (!root) throw new Error(`${TEMPLATES_ENV} is not set: the folder to build the templates in`);
await buildTemplates(root, process.argv.slice(2) as TemplateName[]);
