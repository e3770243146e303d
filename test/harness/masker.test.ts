// The masker finds a secret however a writer encoded it, and learns tokens from bodies.
import { describe, expect, it } from 'vitest';
import { createMasker, findTokens, MASK, PREFIX_LENGTH } from '../../src/shared/masker';

const SECRET = 'Rahasia/ü&"<x>+ y-42';

describe('createMasker', () => {
  it.each([
    ['raw', `a ${SECRET} b`],
    ['URL-encoded', `?s=${encodeURIComponent(SECRET)}&t=1`],
    ['URL-encoded the way postman-url-encoder does it', '?s=Rahasia/%C3%BC%26%22%3Cx%3E+%20y-42&t=1'],
    ['lower-case percent escapes', `?s=${encodeURIComponent(SECRET).replace(/%[0-9A-F]{2}/g, (m) => m.toLowerCase())}`],
    ['JSON-escaped', JSON.stringify({ s: SECRET })],
    ['JSON in JSON', JSON.stringify(JSON.stringify({ s: SECRET }))],
    ['\\u-escaped', '{"s":"Rahasia/\\u00fc&\\"<x>+ y-42"}'],
    ['HTML-escaped (Handlebars)', 'Rahasia/ü&amp;&quot;&lt;x&gt;+ y-42'],
    ['XML-escaped (xmlbuilder leaves >)', '<testcase name="saw Rahasia/ü&amp;&quot;&lt;x>+ y-42"/>'],
  ])('masks the secret %s', (_, text) => {
    const masked = createMasker([SECRET]).mask(text);
    expect(masked).toContain(MASK);
    expect(masked).not.toMatch(/Rahasia/);
  });

  it('leaves text without the secret alone, and refuses secrets too short to mask', () => {
    const masker = createMasker([SECRET]);
    // Close, but its first PREFIX_LENGTH characters differ (a prefix that long is masked: see below).
    expect(masker.mask('Rahasia-ü&"<x>+ y-4 is close but not it')).toBe('Rahasia-ü&"<x>+ y-4 is close but not it');
    expect(masker.add('abc')).toBe(false);
    expect(masker.mask('abc')).toBe('abc');
  });

  it('learns tokens as they come', () => {
    const masker = createMasker([]);
    for (const token of findTokens('{"access_token":"at-123456","refresh_token":"rt-654321","expires_in":86399,"user":{"idToken":"it-999999"}}')) masker.add(token);
    for (const token of findTokens('Authorization: Bearer bearer-abcdef')) masker.add(token);
    expect(masker.mask('at-123456 rt-654321 it-999999 bearer-abcdef 86399')).toBe(`${MASK} ${MASK} ${MASK} ${MASK} 86399`);
  });
});

describe('findTokens and words that describe a token', () => {
  it('takes the values of keys that hold a token, not token_type or token_type_hint', () => {
    const found = findTokens('{"access_token":"at-123456","token_type":"bearer","token_type_hint":"refresh_token","expires_in":86399,"refresh_token":"rt-654321","accessToken":"at2-1234","token":"tk-98765"}');
    expect(found.sort()).toEqual(['at-123456', 'at2-1234', 'rt-654321', 'tk-98765']);
    const masker = createMasker(found);
    expect(masker.mask('{"token_type":"bearer"}')).toBe('{"token_type":"bearer"}');
  });

  it('finds a token in a body nested 100,000 deep (a server may send one), without overflowing the stack', () => {
    const n = 100_000;
    expect(findTokens(`${'{"a":['.repeat(n)}{"refresh_token":"rt-deep-123456"}${']}'.repeat(n)}`)).toEqual(['rt-deep-123456']);
  });
});

describe('forms a report or a console line can carry', () => {
  const token = 'at-7f3a9c1e5b2d4f6a8c0e';

  it('a prefix of at least PREFIX_LENGTH characters (a cut message), base64 and base64url', () => {
    const masker = createMasker([token]);
    expect(masker.mask(`expected '${token.slice(0, PREFIX_LENGTH + 3)}...' to equal`)).toBe(`expected '${MASK}...' to equal`);
    expect(masker.mask(`cookie=${Buffer.from(token).toString('base64url')}`)).toBe(`cookie=${MASK}`);
    expect(masker.mask(`x ${Buffer.from(token).toString('base64')} y`)).not.toContain(Buffer.from(token).toString('base64').replace(/=+$/, ''));
    expect(masker.mask(token.slice(0, PREFIX_LENGTH - 1))).toBe(token.slice(0, PREFIX_LENGTH - 1));
  });

  it('an Authorization: Basic header of id:secret, masked whole; the client id alone stays readable', () => {
    const masker = createMasker([], ['GramediaPOS:made-up-secret-basic']);
    const header = `Authorization: Basic ${Buffer.from('GramediaPOS:made-up-secret-basic').toString('base64')}`;
    expect(masker.mask(header)).toBe(`Authorization: Basic ${MASK}`);
    expect(masker.mask('clientID GramediaPOS: ok')).toBe('clientID GramediaPOS: ok');
  });
});
