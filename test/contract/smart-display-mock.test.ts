import { createMockDisplayPort } from '../../simulator/smart-display/mock-binding.ts';
import { smartDisplayContract } from './smart-display.contract.ts';

smartDisplayContract('@serialport/binding-mock', async (options) => {
  const port = createMockDisplayPort(options);
  return {
    responder: port.responder,
    target: { path: port.path, binding: port.binding },
    unplug: async () => port.unplug(),
    close: async () => undefined,
  };
});
