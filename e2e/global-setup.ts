import { templatesSetup } from '../server/testing/global-setup.js';

// The e2e run's seeded stores: the demo accounts, and the demo city (reports, indicators, a dark camera).
export default templatesSetup(['accounts', 'demo']);
