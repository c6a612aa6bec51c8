import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fdStateFs } from '../../../agent/persistence/fd-fs.ts';
import { tempDirPerTest } from './fixtures.ts';

const testDir = tempDirPerTest();

describe('the state store default file system (file descriptors)', () => {
  it('writes a string and bytes whole, with the mode asked for, and syncs and closes', async () => {
    const dir = testDir();
    const text = `${'é'.repeat(300_000)}\n`;
    const a = join(dir, 'a');
    const handle = await fdStateFs.open(a, 'wx', 0o600);
    await handle.writeFile(text);
    await handle.sync();
    await handle.close();
    expect(await readFile(a, 'utf8')).toBe(text);
    expect((await stat(a)).mode & 0o777).toBe(0o600);

    const bytes = new Uint8Array(70_000).map((_, i) => i % 251);
    const b = join(dir, 'b');
    const other = await fdStateFs.open(b, 'wx', 0o644);
    await other.writeFile(bytes);
    await other.close();
    expect(new Uint8Array(await readFile(b))).toEqual(bytes);
  });

  it('rejects with the system error code: an existing file with wx, a missing directory, a closed descriptor', async () => {
    const dir = testDir();
    const a = join(dir, 'a');
    await (await fdStateFs.open(a, 'wx', 0o600)).close();
    await expect(fdStateFs.open(a, 'wx', 0o600)).rejects.toMatchObject({ code: 'EEXIST' });
    await expect(fdStateFs.open(join(dir, 'missing', 'x'), 'wx', 0o600)).rejects.toMatchObject({
      code: 'ENOENT',
    });
    const handle = await fdStateFs.open(join(dir, 'c'), 'wx', 0o600);
    await handle.close();
    await expect(handle.sync()).rejects.toMatchObject({ code: 'EBADF' });
  });

  it('makes, lists, reads, renames and removes', async () => {
    const dir = testDir();
    const sub = join(dir, 'x', 'y');
    await fdStateFs.mkdir(sub, { recursive: true, mode: 0o700 });
    expect((await stat(sub)).mode & 0o777).toBe(0o700);
    const file = join(sub, 'f');
    const handle = await fdStateFs.open(file, 'wx', 0o600);
    await handle.writeFile('hello');
    await handle.close();
    expect((await fdStateFs.stat(file)).size).toBe(5);
    expect((await fdStateFs.stat(file)).isFile()).toBe(true);
    expect(new TextDecoder().decode(await fdStateFs.readFile(file))).toBe('hello');
    await fdStateFs.rename(file, join(sub, 'g'));
    expect(await fdStateFs.readdir(sub)).toEqual(['g']);
    await fdStateFs.unlink(join(sub, 'g'));
    expect(await fdStateFs.readdir(sub)).toEqual([]);
    await expect(fdStateFs.unlink(join(sub, 'g'))).rejects.toMatchObject({ code: 'ENOENT' });
  });
});
