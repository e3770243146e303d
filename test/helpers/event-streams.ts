// Reading GET /__admin/events in tests: a journal that counts its subscriptions, a text reader over a
// fetch body, and the events in a stream's text.
import type { FakeMyValue } from '../../mocks/index';

/** A fake whose journal counts the subscriptions open on it (the streams' way to the journal). */
export function counted(fake: FakeMyValue): { fake: FakeMyValue; open: () => number } {
  let open = 0;
  const journal = {
    ...fake.journal,
    subscribe: (listener: Parameters<FakeMyValue['journal']['subscribe']>[0], cleared?: () => void) => {
      open += 1;
      const stop = fake.journal.subscribe(listener, cleared);
      return () => {
        open -= 1;
        stop();
      };
    },
  };
  return { fake: { ...fake, handle: (r) => fake.handle(r), journal } as FakeMyValue, open: () => open };
}

/** The body as text chunks. */
export function textReader(res: Response): ReadableStreamDefaultReader<string> {
  const decoder = new TextDecoder();
  const bytes = (res.body as ReadableStream<Uint8Array>).getReader();
  return new ReadableStream<string>({
    async pull(controller) {
      const chunk = await bytes.read();
      if (chunk.done) controller.close();
      else controller.enqueue(decoder.decode(chunk.value, { stream: true }));
    },
    cancel: (reason) => bytes.cancel(reason),
  }).getReader();
}

/** Reads until `done(text)` or the end of the stream; gives all the text read. */
export async function readUntil(reader: ReadableStreamDefaultReader<string>, done: (text: string) => boolean): Promise<string> {
  let text = '';
  while (!done(text)) {
    const chunk = await reader.read();
    if (chunk.done) break;
    text += chunk.value;
  }
  return text;
}

/** The events of a stream's text, as [event, data]. */
export function events(text: string): Array<[string, any]> {
  return text.split('\n\n').filter((f) => f.trim() !== '' && !f.startsWith(':')).map((frame) => {
    const lines = frame.split('\n');
    const event = lines.find((l) => l.startsWith('event: '))?.slice(7) ?? 'message';
    const data = lines.filter((l) => l.startsWith('data: ')).map((l) => l.slice(6)).join('\n');
    return [event, JSON.parse(data)];
  });
}
