// Every `POST /__admin/faults` body the README shows is accepted as written and adds the rules it says.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { shippedFile } from '../../src/shared/package-files';
import { freshFake } from './helpers';

const readme = readFileSync(shippedFile('README.md'), 'utf8');
const block = /<!-- admin-faults-bodies -->\s*```json\n([\s\S]*?)```/.exec(readme)?.[1] ?? '';
const bodies = block.split('\n').map((line) => line.trim()).filter((line) => line !== '');

const post = (body: string) =>
  freshFake().handle({ method: 'POST', path: '/__admin/faults', query: {}, headers: { 'content-type': 'application/json' }, rawBody: body, origin: 'http://127.0.0.1:4010' });

describe('the README\'s admin fault bodies', () => {
  it('are there', () => expect(bodies.length).toBeGreaterThanOrEqual(5));

  it.each(bodies)('%s: 201, one rule per item', (body) => {
    const parsed = JSON.parse(body) as { rules?: unknown[] };
    const response = post(body);
    expect(response.status).toBe(201);
    expect((response.body as { count: number }).count).toBe(parsed.rules?.length ?? 1);
  });

  it('a bad one is 400 naming it, and adds none', () => {
    const fake = freshFake();
    const response = fake.handle({ method: 'POST', path: '/__admin/faults', query: {}, headers: { 'content-type': 'application/json' }, rawBody: '{"rules": ["point.earn:status=503", {"route": "point.get", "stauts": 500}]}', origin: 'http://127.0.0.1:4010' });
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ id: 'ErrValidation', detail: expect.stringMatching(/^rules\[1\]: unknown fault field stauts/) });
    expect(fake.faults.list()).toEqual([]);
  });
});
