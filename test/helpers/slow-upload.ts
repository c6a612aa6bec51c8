// A client that uploads a large body the way a streaming client does (curl from a file, got with a
// stream): chunk by chunk, each handed to the kernel before the next, yielding to the event loop in
// between so an in-process server runs meanwhile. Only after the whole body is sent does it look at
// the answer: a server that closes the connection before reading the body makes it fail (EPIPE).

import { connect } from 'node:net';

export interface UploadAnswer {
  /** The socket error that ended the upload (e.g. EPIPE, ECONNRESET), or null. */
  error: string | null;
  /** Bytes of body handed to the kernel before the upload ended. */
  sent: number;
  status: number | null;
  headers: Record<string, string>;
  body: string;
}

export interface UploadOptions {
  url: string;
  path: string;
  contentType: string;
  size: number;
  /** Send `Transfer-Encoding: chunked` instead of a Content-Length. */
  chunked?: boolean;
  chunkSize?: number;
}

function parse(raw: string): Pick<UploadAnswer, 'status' | 'headers' | 'body'> {
  const end = raw.indexOf('\r\n\r\n');
  if (end < 0) return { status: null, headers: {}, body: '' };
  const [statusLine = '', ...lines] = raw.slice(0, end).split('\r\n');
  const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(statusLine)?.[1] ?? Number.NaN);
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const i = line.indexOf(':');
    if (i > 0) headers[line.slice(0, i).trim().toLowerCase()] = line.slice(i + 1).trim();
  }
  return { status: Number.isNaN(status) ? null : status, headers, body: raw.slice(end + 4) };
}

export async function slowUpload(opts: UploadOptions): Promise<UploadAnswer> {
  const { hostname, port } = new URL(opts.url);
  const chunkSize = opts.chunkSize ?? 64 * 1024;
  const socket = connect(Number(port), hostname);
  const received: Buffer[] = [];
  let error: string | null = null;
  socket.on('data', (chunk: Buffer) => received.push(chunk));
  socket.on('error', (e: NodeJS.ErrnoException) => {
    error ??= e.code ?? e.message;
  });
  const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('error', reject);
  });
  const framing = opts.chunked ? 'Transfer-Encoding: chunked' : `Content-Length: ${opts.size}`;
  socket.write(
    `POST ${opts.path} HTTP/1.1\r\nHost: ${hostname}:${port}\r\nContent-Type: ${opts.contentType}\r\n${framing}\r\n\r\n`,
  );
  const write = (data: string | Buffer): Promise<void> =>
    new Promise((resolve) => socket.write(data, () => resolve()));
  let sent = 0;
  while (sent < opts.size && error === null && !socket.destroyed) {
    const n = Math.min(chunkSize, opts.size - sent);
    const chunk = Buffer.alloc(n, 0x61);
    await write(
      opts.chunked
        ? Buffer.concat([Buffer.from(`${n.toString(16)}\r\n`), chunk, Buffer.from('\r\n')])
        : chunk,
    );
    if (error === null) sent += n;
    await new Promise((resolve) => setImmediate(resolve));
  }
  if (opts.chunked && error === null && !socket.destroyed) await write('0\r\n\r\n');
  if (!socket.destroyed) socket.end();
  await closed;
  return { error, sent, ...parse(Buffer.concat(received).toString('utf8')) };
}
