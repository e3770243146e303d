import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { computeSign, diagnoseSign, explainSign, fieldText, findRule, matchRule, SIGN_RULES, stringToSign, verifySign } from '../../src/signing';
import { VECTORS } from './vectors';

describe('signing table', () => {
  it('has the 13 rules of SIGNING.md', () => {
    expect(SIGN_RULES.map((r) => r.name)).toEqual([
      'user.get', 'user.create', 'point.get', 'point.earn', 'point.earn.estimate', 'point.redeem', 'point.adjustment',
      'point.history', 'promo.list', 'promo.get', 'promo.buy', 'voucher.list', 'voucher.get',
    ]);
  });

  it('every rule has a known-answer vector', () => {
    expect(new Set(VECTORS.map((v) => v.rule))).toEqual(new Set(SIGN_RULES.map((r) => r.name)));
  });

  it.each(VECTORS.map((v, i) => [`${v.rule} #${i}`, v] as const))('%s: string and sign match the hand-built vector', (_, vector) => {
    const rule = findRule(vector.rule)!;
    const input = { clientId: vector.clientId, clientSecret: vector.clientSecret, fields: vector.fields };
    expect(stringToSign(rule, input)).toBe(vector.text);
    expect(computeSign(rule, input)).toBe(vector.sign);
    expect(verifySign(rule, input, vector.sign)).toBe(true);
  });

  it('refuses a sign that differs in one character, in upper case, or of another length', () => {
    const vector = VECTORS[0]!;
    const rule = findRule(vector.rule)!;
    const input = { clientId: vector.clientId, clientSecret: vector.clientSecret, fields: vector.fields };
    const flipped = (vector.sign[0] === 'a' ? 'b' : 'a') + vector.sign.slice(1);
    expect(verifySign(rule, input, flipped)).toBe(false);
    expect(verifySign(rule, input, vector.sign.toUpperCase())).toBe(false);
    expect(verifySign(rule, input, vector.sign.slice(1))).toBe(false);
    expect(verifySign(rule, input, undefined)).toBe(false);
    expect(verifySign(rule, input, 12345)).toBe(false);
  });

  it('writes values as String() does: absent is empty, numbers without decimals', () => {
    expect(fieldText(undefined)).toBe('');
    expect(fieldText(null)).toBe('');
    expect(fieldText(10000)).toBe('10000');
    expect(fieldText(10000.0)).toBe('10000');
    expect(fieldText(0)).toBe('0');
    expect(fieldText(true)).toBe('true');
    expect(fieldText(' a ')).toBe(' a ');
  });

  it('matches rules by method and path, trailing slash optional, literal segments first', () => {
    expect(matchRule('GET', '/service/point')?.rule.name).toBe('point.get');
    expect(matchRule('POST', '/v1/service/promos/buy')?.rule.name).toBe('promo.buy');
    expect(matchRule('GET', '/v1/service/promos/13063/')).toMatchObject({ rule: { name: 'promo.get' }, pathId: '13063' });
    expect(matchRule('GET', '/service/point/earn/')).toBeUndefined();
  });

  it('explains with the secret masked and the fields in order', () => {
    const rule = findRule('point.earn')!;
    const e = explainSign(rule, { clientId: 'GramediaPOS', clientSecret: 'top-secret', fields: { amount: 10000, referenceNo: 'R1', outletID: 'MVAPP00001' } });
    expect(e.maskedString).toBe('GramediaPOS<clientSecret>10000R1MVAPP00001');
    expect(JSON.stringify(e)).not.toContain('top-secret');
    expect(e.order.map((o) => o.field)).toEqual(['clientID', 'clientSecret', 'amount', 'referenceNo', 'exchangeRate', 'outletID']);
  });

  it('diagnoses common mistakes: an unsigned field included, a field left out, upper-case hex', () => {
    const rule = findRule('point.earn')!;
    const fields = { amount: 10000, referenceNo: 'R1', exchangeRate: 0, outletID: 'MVAPP00001', valueID: 'VB60VS' };
    const input = { clientId: 'GramediaPOS', clientSecret: 's', fields };
    const correct = computeSign(rule, input);
    expect(diagnoseSign(rule, input, correct.toUpperCase()).hint).toMatch(/lowercase/);
    const h = (t: string): string => createHash('sha256').update(t).digest('hex');
    expect(diagnoseSign(rule, input, h('GramediaPOSs10000R10MVAPP00001VB60VS')).hint).toMatch(/"valueID" seems included/);
    expect(diagnoseSign(rule, input, h('GramediaPOSs10000R1MVAPP00001')).hint).toMatch(/"exchangeRate" seems left out/);
    expect(diagnoseSign(rule, input, '').hint).toBe('no sign was sent');
    expect(diagnoseSign(rule, input, 'f'.repeat(64)).hint).toBeUndefined();
    expect(diagnoseSign(rule, input, 'x').unsigned).toEqual(['valueID']);
  });

  it('diagnoses two fields hashed in each other\'s place', () => {
    const rule = findRule('point.earn')!;
    const input = { clientId: 'GramediaPOS', clientSecret: 's', fields: { amount: 10000, referenceNo: 'R1', exchangeRate: 0, outletID: 'MVAPP00001' } };
    const h = (t: string): string => createHash('sha256').update(t).digest('hex');
    expect(diagnoseSign(rule, input, h('GramediaPOSsR1100000MVAPP00001')).hint).toBe('fields "amount" and "referenceNo" seem swapped; the order is amount, referenceNo, exchangeRate, outletID');
    expect(diagnoseSign(rule, input, h('GramediaPOSsMVAPP00001R1010000')).hint).toBe('fields "amount" and "outletID" seem swapped; the order is amount, referenceNo, exchangeRate, outletID');
  });
});
