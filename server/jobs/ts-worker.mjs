// A worker thread starts without its parent's module hooks, so the hub's TypeScript would not load in it: tsx is
// registered here first, then the worker's own entry (workerData.entry, a file URL) is imported.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.entry);
