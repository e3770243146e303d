// The fault rule syntax: what parses (and its canonical text), and what is refused with which message.
import { describe, expect, it } from 'vitest';
import { faultFromJson, parseFaultRule } from '../../mocks/core/faults';

describe('parseFaultRule', () => {
  it.each([
    ['point.earn:status=503,times=1', 'point.earn:status=503,times=1'],
    ['*:latency=100-300', '*:latency=100-300'],
    ['*:latency=250', '*:latency=250'],
    [':drop', '*:drop'],
    ['point.get:times=2, drop ,latency=5', 'point.get:latency=5,drop,times=2'],
    ['POST /service/point/earn/:no-answer', 'POST /service/point/earn:no-answer'],
    ['GET /v1/service/promos/:ID:malformed,p=0.25', 'GET /v1/service/promos/:ID:malformed,p=0.25'],
    ['/v1/service/vouchers/*:status=504,probability=1', '/v1/service/vouchers/*:status=504'],
  ])('%s -> %s', (text, canonical) => {
    const parsed = parseFaultRule(text);
    expect(parsed).toMatchObject({ ok: true });
    if (parsed.ok) {
      expect(parsed.value.text).toBe(canonical);
      // The canonical text parses back to the same rule.
      expect(parseFaultRule(parsed.value.text)).toEqual(parsed);
    }
  });

  it.each([
    ['status=503', /TARGET:SPEC/],
    ['point.ern:status=503', /unknown route "point.ern".*point\.earn/],
    ['point.earn:status=404', /status must be 500, 502, 503 or 504, got "404"/],
    ['point.earn:status=503,drop', /only one of status, drop, malformed, no-answer/],
    ['*:latency=300-100', /MIN is larger than MAX/],
    ['*:latency=fast', /latency must be MS or MIN-MAX/],
    ['*:times=0,drop', /times must be a whole number of at least 1/],
    ['*:p=1.5,drop', /above 0 and at most 1/],
    ['*:times=1', /no fault given/],
    ['*:explode', /unknown fault "explode"; known:/],
    ['*:drop=yes', /"drop" takes no value/],
    ['*:latency', /"latency" needs a value/],
    ['*:latency=1,latency=2', /"latency" given twice/],
    ['FETCH /service/point/:drop', /unknown method "FETCH"/],
    ['/service/pöint/:drop', /printable ASCII/],
  ])('%s is refused', (text, message) => {
    const parsed = parseFaultRule(text);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) {
      expect(parsed.detail).toMatch(message);
      expect(parsed.detail).not.toContain('\n');
    }
  });
});

describe('faultFromJson (admin API bodies)', () => {
  it('takes the object form, a rule string, or { rule }', () => {
    expect(faultFromJson({ route: 'point.earn', status: 503, times: 1 })).toMatchObject({ ok: true, value: { text: 'point.earn:status=503,times=1' } });
    expect(faultFromJson({ latency: [100, 300], noAnswer: true })).toMatchObject({ ok: true, value: { text: '*:latency=100-300,no-answer' } });
    expect(faultFromJson('*:drop')).toMatchObject({ ok: true, value: { text: '*:drop' } });
    expect(faultFromJson({ rule: 'point.get:malformed' })).toMatchObject({ ok: true, value: { text: 'point.get:malformed' } });
  });

  it('names unknown fields and bad values', () => {
    expect(faultFromJson({ route: 'point.earn', stauts: 503 })).toMatchObject({ ok: false, detail: expect.stringMatching(/unknown fault field stauts/) });
    expect(faultFromJson({ drop: 'yes' })).toMatchObject({ ok: false, detail: 'drop must be true or false' });
    expect(faultFromJson([1])).toMatchObject({ ok: false });
  });
});
