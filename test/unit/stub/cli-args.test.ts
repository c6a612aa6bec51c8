import { describe, expect, it } from 'vitest';
import { DEFAULT_DB, parseCli, UsageError } from '../../../server-stub/cli-args.ts';

describe('stub CLI arguments', () => {
  it('defaults to port 0 and .zte-stub/stub.sqlite under the working directory', () => {
    expect(parseCli([], '/work')).toEqual({
      port: 0,
      db: `/work/${DEFAULT_DB}`,
      seed: undefined,
      testHooks: false,
      log: false,
      help: false,
      tls: { kind: 'none' },
    });
  });

  it('reads every flag', () => {
    expect(
      parseCli(['--port', '8080', '--db', ':memory:', '--seed', 's.json', '--test-hooks', '--log'], '/w'),
    ).toEqual({
      port: 8080,
      db: ':memory:',
      seed: '/w/s.json',
      testHooks: true,
      log: true,
      help: false,
      tls: { kind: 'none' },
    });
    expect(parseCli(['--db=x/y.sqlite'], '/w').db).toBe('/w/x/y.sqlite');
    expect(parseCli(['--tls', 'self-signed'], '/w').tls).toEqual({ kind: 'self-signed' });
    expect(parseCli(['--tls-cert', 'c.pem', '--tls-key', 'k.pem'], '/w').tls).toEqual({
      kind: 'files',
      certFile: '/w/c.pem',
      keyFile: '/w/k.pem',
    });
  });

  it.each([
    [['--port', '-1'], '--port'],
    [['--port', '65536'], '--port'],
    [['--port', '1e3'], '--port'],
    [['--unknown'], '--unknown'],
    [['--db'], '--db'],
    [['--db', ' '], '--db'],
    [['positional'], 'positional'],
    [['--tls', 'yes'], '--tls'],
    [['--tls-cert', 'c.pem'], '--tls-cert'],
    [['--tls', 'self-signed', '--tls-key', 'k.pem', '--tls-cert', 'c.pem'], '--tls'],
  ])('%j is a usage error naming the flag', (args, flag) => {
    expect(() => parseCli(args, '/w')).toThrow(UsageError);
    expect(() => parseCli(args, '/w')).toThrow(flag);
  });
});
