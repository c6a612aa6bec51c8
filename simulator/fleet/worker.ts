// A fleet worker thread: boots the devices the main thread sends it, each with the real agent
// in-process, many at once (their I/O overlaps), and posts back one result per device.

import { parentPort } from 'node:worker_threads';
import { bootInProcess } from './device.ts';
import type { ToMain, ToWorker } from './pool.ts';
import type { BootEnv } from './types.ts';

const port = parentPort;
if (port === null) throw new Error('worker.ts must run in a worker thread');

let env: BootEnv | null = null;
const post = (message: ToMain) => port.postMessage(message);

port.on('message', (message: ToWorker) => {
  switch (message.type) {
    case 'init':
      env = message.env;
      break;
    case 'boot': {
      const current = env;
      if (current === null) throw new Error('boot before init');
      void bootInProcess(message.plan, current, {
        onFirstError: (index, status) => post({ type: 'first-error', index, status }),
      }).then(
        (result) => post({ type: 'result', result }),
        (error: unknown) => post({ type: 'crash', index: message.plan.index, message: String(error) }),
      );
      break;
    }
  }
});
