// The collection on its way to Newman: loaded and serialised once, then pure JSON transforms (shard,
// variations, hook, contract check) whose result is what Newman gets, equal to the SDK round trips they replace.
import { readFileSync } from 'node:fs';
import sdk, { type Collection } from 'postman-collection';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CONTRACT_EVENT_ID, injectContractCheck, withContractCheck } from '../../src/collection/contract-check';
import { HOOK_EVENT_ID } from '../../src/collection/hook-script';
import { countHooked, hookedDefinition, injectHook } from '../../src/collection/inject-hook';
import { DEFAULT_COLLECTION, prepare } from '../../src/run/prepare-run';

const shipped = (): Collection => new sdk.Collection(JSON.parse(readFileSync(DEFAULT_COLLECTION, 'utf8')));

afterEach(() => vi.restoreAllMocks());

describe('the JSON transforms', () => {
  it.each(['event', 'merged'] as const)('hookedDefinition (%s) gives what injectHook gave, byte for byte, and leaves its input as it was', (mode) => {
    const json = shipped().toJSON();
    const before = JSON.stringify(json);
    const hooked = hookedDefinition(json, mode);
    expect(JSON.stringify(json)).toBe(before);
    expect(JSON.stringify(hooked)).toBe(JSON.stringify(injectHook(new sdk.Collection(json), mode).toJSON()));
    expect(JSON.stringify(hookedDefinition(hooked, mode))).toBe(JSON.stringify(hooked));
  });

  it('withContractCheck gives what injectContractCheck gave and leaves its input as it was', () => {
    const json = hookedDefinition(shipped().toJSON());
    const before = JSON.stringify(json);
    const checked = withContractCheck(withContractCheck(json));
    expect(JSON.stringify(json)).toBe(before);
    expect(JSON.stringify(checked)).toBe(JSON.stringify(injectContractCheck(new sdk.Collection(json)).toJSON()));
    expect(checked.event?.filter((e) => e.id === CONTRACT_EVENT_ID)).toHaveLength(1);
  });
});

describe("a run's preparation", () => {
  it('serialises the loaded collection once and hands Newman plain JSON, hooked, checked and with the variations', async () => {
    const toJSON = vi.spyOn(sdk.Collection.prototype, 'toJSON');
    const prepared = await prepare({ target: 'msw', env: {}, variations: true });
    if (!prepared.ok) throw new Error(prepared.error);
    expect(toJSON).toHaveBeenCalledTimes(1);
    const { collection, variations } = prepared.value;
    expect(sdk.Collection.isCollection(collection)).toBe(false);
    // Newman builds its collection from it: every request hooked, the contract event on top, the variations' ids kept.
    const built = new sdk.Collection(collection);
    const ids: string[] = [];
    built.forEachItem((item) => ids.push(item.id));
    expect(countHooked(collection)).toBe(ids.length);
    expect(built.events.all().map((e) => e.id)).toContain(CONTRACT_EVENT_ID);
    expect(variations.size).toBeGreaterThan(0);
    for (const id of variations.keys()) expect(ids).toContain(id);
    expect(JSON.stringify(collection)).toContain(HOOK_EVENT_ID);
  });
});
