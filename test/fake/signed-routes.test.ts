// Every signed route is served at its signing rule's method and path, and the core checks each
// rule's required fields once, before any handler runs: named in the rule's order, nothing changed.
import { describe, expect, it } from 'vitest';
import { createFakeMyValue } from '../../mocks/create-fake';
import { SIGN_RULES, type SignRule } from '../../src/signing';
import { coreRequest, signedWire } from '../helpers/signed-wire';
import { DEMO } from '../helpers/api';

const ORIGIN = 'http://127.0.0.1';

/** A value for every field of a rule (presence is what the core checks; handlers read types). */
function filled(rule: SignRule): Record<string, unknown> {
  const fields: Record<string, unknown> = { ID: 'P1' };
  for (const name of [...rule.fields, ...rule.required]) fields[name] = name === 'amount' ? 10 : `x-${name}`;
  return fields;
}

describe('signed routes', () => {
  it.each(SIGN_RULES.map((rule) => [rule.name, rule] as const))('%s answers at its rule\'s method and path, and the journal names the rule', async (_name, rule) => {
    const fake = createFakeMyValue();
    const wire = signedWire(rule.name, DEMO, filled(rule), { sign: 'not-the-sign' });
    expect(wire.method).toBe(rule.method);
    const res = await fake.handle(coreRequest(wire, ORIGIN));
    expect(res.status).toBe(401);
    expect(fake.deps.journal.list({})[0]).toMatchObject({ rule: rule.name, signOk: false });
  });

  const cases = SIGN_RULES.flatMap((rule) => rule.required.map((field) => [`${rule.name} without ${field}`, rule, field] as const));
  it.each(cases)('%s: 400 ErrValidation naming the field, the handler never runs', async (_name, rule, field) => {
    const fake = createFakeMyValue();
    const fields = filled(rule);
    for (const absent of [undefined, '']) {
      const wire = signedWire(rule.name, DEMO, { ...fields, [field]: absent });
      const res = await fake.handle(coreRequest(wire, ORIGIN));
      expect(res.status).toBe(400);
      expect(res.body).toEqual({ id: 'ErrValidation', detail: `${field} is required`, errorCode: 400 });
    }
    expect(fake.deps.journal.list({}).map((e) => [e.rule, e.signOk, e.status])).toEqual([[rule.name, true, 400], [rule.name, true, 400]]);
  });

  it('with several required fields missing, the first in the rule\'s order is named, and no point moves', async () => {
    const fake = createFakeMyValue();
    const balance = async () => (await fake.handle(coreRequest(signedWire('point.get', DEMO, { valueID: 'VR8EPN' }), ORIGIN))).body;
    const before = await balance();
    // point.earn requires amount, outletID, referenceNo, valueID: referenceNo comes before valueID.
    const wire = signedWire('point.earn', DEMO, { amount: 1000, outletID: 'MVAPP00001' });
    const res = await fake.handle(coreRequest(wire, ORIGIN));
    expect(res.body).toEqual({ id: 'ErrValidation', detail: 'referenceNo is required', errorCode: 400 });
    expect(await balance()).toEqual(before);
  });
});
