import { startPtyDisplay } from '../../simulator/smart-display/pty.ts';
import { smartDisplayContract } from './smart-display.contract.ts';
import { smartDialectContract } from './smart-display-dialects.contract.ts';

// A real pty pair made by socat (Debian package `socat`); the host side uses the native binding.
smartDisplayContract('a socat pty pair', async (options) => {
  const pty = await startPtyDisplay(options);
  return {
    responder: pty.responder,
    target: { path: pty.devicePath },
    unplug: () => pty.unplug(),
    close: () => pty.close(),
  };
});

smartDialectContract('a socat pty pair', async (options) => {
  const pty = await startPtyDisplay(options);
  return {
    responder: pty.responder,
    target: { path: pty.devicePath },
    unplug: () => pty.unplug(),
    close: () => pty.close(),
  };
});
