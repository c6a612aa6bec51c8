// Fleet worker bootstrap: workers start with no execArgv, so TypeScript is loaded through tsx's ESM
// hooks here, whatever started the main thread (tsx, vitest, plain node).
import { register } from 'tsx/esm/api';

register();
await import('./worker.ts');
