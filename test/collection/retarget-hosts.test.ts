// A request naming one of MyValue's hosts written out goes to the run's target: the host becomes the base
// URL variable of its API, whatever the spelling; other hosts are left alone.
import { describe, expect, it } from 'vitest';
import { Collection, type CollectionDefinition } from 'postman-collection';
import { retargetHosts } from '../../src/collection/retarget-hosts';

const collection = (urls: unknown[]): CollectionDefinition =>
  ({ info: { name: 'c', schema: 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json' }, item: [{ name: 'f', item: urls.map((url, i) => ({ name: `r${i}`, request: { method: 'GET', url } })) }] }) as CollectionDefinition;

const urlsOf = (json: CollectionDefinition): string[] => new Collection(json).items.all().flatMap((f) => (f as unknown as { items: { all(): Array<{ request: { url: { toString(): string } } }> } }).items.all().map((r) => r.request.url.toString()));

describe('retargetHosts', () => {
  it.each([
    ['https://external.ovaltech.id/service/point/?valueID=V1', '{{externalBaseUrl}}/service/point/?valueID=V1'],
    ['https://EXTERNAL.myvalue.id./v1/service/promos/13063', '{{externalBaseUrl}}/v1/service/promos/13063'],
    ['external.ovaltech.id/service/point/', '{{externalBaseUrl}}/service/point/'],
    ['https://auth.ovaltech.id:443/auth/token/', '{{authBaseUrl}}/auth/token/'],
  ])('%s goes to %s', (written, sent) => {
    const out = retargetHosts(collection([written]));
    expect(out.rewritten).toBe(1);
    expect(urlsOf(out.collection)).toEqual([sent]);
  });

  it('reads the SDK\'s URL objects (host segments, no raw) and keeps their path variables and query', () => {
    const sdk = new Collection(collection(['https://external.ovaltech.id/v1/service/promos/:ID?valueID={{member}}'])).toJSON();
    const out = retargetHosts(sdk);
    expect(urlsOf(out.collection)).toEqual(['{{externalBaseUrl}}/v1/service/promos/:ID?valueID={{member}}']);
    expect(out.hosts).toEqual(['external.ovaltech.id']);
  });

  it('leaves other hosts and the base URL variables as they are', () => {
    const written = ['{{externalBaseUrl}}/service/point/', 'https://api.partner.example/orders', 'http://127.0.0.1:4010/service/point/', 'https://external.ovaltech.id.evil.example/x'];
    const out = retargetHosts(collection(written));
    expect(out.rewritten).toBe(0);
    expect(urlsOf(out.collection)).toEqual(written);
  });
});
