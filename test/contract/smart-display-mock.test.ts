import { createMockDisplayPort } from '../../simulator/smart-display/mock-binding.ts';
import { smartDisplayContract } from './smart-display.contract.ts';
import { smartDialectContract } from './smart-display-dialects.contract.ts';

smartDisplayContract('@serialport/binding-mock', async (options) => {
  const port = createMockDisplayPort(options);
  return {
    responder: port.responder,
    target: { path: port.path, binding: port.binding },
    unplug: async () => port.unplug(),
    close: async () => undefined,
  };
});

smartDialectContract('@serialport/binding-mock', async (options) => {
  const port = createMockDisplayPort(options);
  return {
    responder: port.responder,
    target: { path: port.path, binding: port.binding },
    unplug: async () => port.unplug(),
    close: async () => undefined,
  };
});
