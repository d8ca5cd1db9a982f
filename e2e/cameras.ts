// The camera simulator and darkenCamera live with the other test fixtures (server/testing/cameras.ts), so the seeded
// demo store (server/testing/templates.ts) can have a dark camera too.
export { cameraSimulator, darkenCamera, type CameraSimulator } from '../server/testing/cameras.js';
