// How a core response's body goes on the wire, the same for both adapters.
import type { FakeResponse } from './types';

/** The body as text: strings (HTML, a malformed-body fault) as they are, JSON values serialized, none as ''. */
export function bodyText(response: FakeResponse): string {
  const { body } = response;
  if (body === undefined || body === null || body === '') return '';
  return typeof body === 'string' ? body : JSON.stringify(body);
}
