// Reads the OOBE page's server-sent events (GET /api/events) until a screen model matches: the test
// waits on the agent's own updates, never on a timer.

export interface ScreenModel {
  screen: string;
  state: string;
}

export async function screensUntil(url: string, done: (m: ScreenModel) => boolean): Promise<ScreenModel> {
  const controller = new AbortController();
  const res = await fetch(url, { signal: controller.signal, headers: { accept: 'text/event-stream' } });
  if (res.body === null) throw new Error(`${url}: no event stream`);
  const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  try {
    for (;;) {
      const { value, done: ended } = await reader.read();
      if (ended) throw new Error(`${url}: the stream ended before the screen settled`);
      buffer += value;
      for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
        const frame = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const data = frame
          .split('\n')
          .filter((l) => l.startsWith('data:'))
          .map((l) => l.slice(5).trimStart())
          .join('\n');
        if (data === '') continue;
        const model = JSON.parse(data) as ScreenModel;
        if (done(model)) return model;
      }
    }
  } finally {
    controller.abort();
  }
}
