// Loads and checks a seed file (JSON or YAML); the default is mocks/seed.json.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { ValidateFunction } from 'ajv';
import type { Seed } from './seed-types';
import { MYVALUE_APPS_OUTLET } from '../domain/myvalue';
import { shippedFile } from '../../src/shared/package-files';
import { jsonErrorAt } from '../../src/shared/text';
import { CORE_SCHEMA, loadYaml } from '../../src/shared/yaml';

export const DEFAULT_SEED_FILE: string = shippedFile('mocks/seed.json');

export class SeedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SeedError';
  }
}

const str = { type: 'string', minLength: 1 } as const;
export const SEED_SCHEMA = {
  type: 'object',
  required: ['clients', 'outlets', 'users', 'promos'],
  properties: {
    clients: { type: 'array', items: { type: 'object', required: ['clientId', 'clientSecret'], properties: { clientId: str, clientSecret: str, name: { type: 'string' }, redirectUris: { type: 'array', items: str } } } },
    outlets: { type: 'array', items: { type: 'object', required: ['id', 'name', 'earnPer10k'], properties: { id: str, name: str, earnPer10k: { type: 'integer', minimum: 0 } } } },
    users: {
      type: 'array',
      items: {
        type: 'object',
        required: ['valueID', 'firstName'],
        properties: {
          valueID: str, firstName: { type: 'string' }, email: { type: 'string' }, phone: { type: 'string' }, password: { type: 'string' },
          history: { type: 'array', items: { type: 'object', required: ['referenceNo', 'type', 'point', 'outletID', 'clientID', 'createdAt'], properties: { type: { enum: ['EARNING', 'REDEEM', 'CANCEL_REDEEM', 'RETURN_EARN'] }, point: { type: 'integer' }, createdAt: { type: 'string', minLength: 10 } } } },
          memberships: { type: 'array', items: { type: 'object', required: ['membershipID', 'membershipName', 'memberNo'] } },
        },
      },
    },
    promos: { type: 'array', items: { type: 'object', required: ['id', 'title', 'price', 'validFrom', 'validTo', 'categories', 'merchant'], properties: { id: { type: 'integer', minimum: 1 }, price: { type: 'integer', minimum: 0 } } } },
  },
} as const;

// Loaded and compiled on first use, without checking the schema against JSON Schema's meta-schema
// (a test does): loading ajv and compiling were most of the fake's start-up, and the shipped seed,
// checked by the tests, needs neither.
let validator: ValidateFunction | undefined;
function compileSeedSchema(): ValidateFunction {
  const { Ajv } = createRequire(import.meta.url)('ajv') as typeof import('ajv');
  return new Ajv({ allErrors: false, validateSchema: false }).compile(SEED_SCHEMA);
}
const validate = (data: unknown): data is Seed => {
  validator ??= compileSeedSchema();
  return validator(data);
};

/** Parses and checks a seed (.json as JSON, anything else as YAML); throws SeedError with a one-line reason. */
export function parseSeed(text: string, source: string): Seed {
  let data: unknown;
  if (/\.json$/i.test(source)) {
    try {
      data = JSON.parse(text);
    } catch (error) {
      throw new SeedError(`seed ${source} is not valid JSON: ${jsonErrorAt(text, (error as Error).message)}`);
    }
  } else {
    try {
      data = loadYaml(text, { schema: CORE_SCHEMA });
    } catch (error) {
      throw new SeedError(`seed ${source} is not valid YAML or JSON: ${(error as Error).message.split('\n')[0]}`);
    }
  }
  if (!validate(data)) {
    const first = validator?.errors?.[0];
    throw new SeedError(`seed ${source}: ${first?.instancePath || '/'} ${first?.message ?? 'is invalid'}`);
  }
  const problem = seedProblem(data);
  if (problem) throw new SeedError(`seed ${source}: ${problem}`);
  return data;
}

const list = (values: readonly string[]): string => (values.length > 6 ? `${values.slice(0, 6).join(', ')}, ...` : values.join(', '));

/** A referenceNo used twice by one client, across every user's history (MyValue applies one once). */
function referenceTwice(seed: Seed): string | undefined {
  const seen = new Set<string>();
  for (const [i, u] of seed.users.entries()) {
    for (const [j, h] of (u.history ?? []).entries()) {
      const key = JSON.stringify([h.clientID, h.referenceNo]);
      if (seen.has(key)) return `/users/${i}/history/${j}/referenceNo ${JSON.stringify(h.referenceNo)} is given twice for client ${h.clientID}`;
      seen.add(key);
    }
  }
  return undefined;
}

/**
 * What the schema cannot see: ids given twice, a history entry or membership at an outlet the seed
 * does not have, no MyValue Apps outlet (new memberships and promo purchases are booked there).
 * Undefined when the seed is consistent.
 */
export function seedProblem(seed: Seed): string | undefined {
  const twice = <T>(items: readonly T[], at: string, key: (item: T) => string | undefined): string | undefined => {
    const seen = new Set<string>();
    for (const [i, item] of items.entries()) {
      const value = key(item);
      if (value === undefined) continue;
      if (seen.has(value)) return `${at.replace('#', String(i))} ${JSON.stringify(value)} is given twice`;
      seen.add(value);
    }
    return undefined;
  };
  const outlets = new Set(seed.outlets.map((o) => o.id));
  const unknownOutlet = (id: string, at: string): string | undefined =>
    outlets.has(id) ? undefined : `${at} ${JSON.stringify(id)} is not an outlet of the seed (outlets: ${list([...outlets])})`;
  const problems = [
    twice(seed.clients, '/clients/#/clientId', (c) => c.clientId),
    twice(seed.outlets, '/outlets/#/id', (o) => o.id),
    twice(seed.users, '/users/#/valueID', (u) => u.valueID),
    twice(seed.users, '/users/#/email', (u) => u.email?.toLowerCase()),
    twice(seed.users, '/users/#/phone', (u) => u.phone),
    twice(seed.promos, '/promos/#/id', (p) => String(p.id)),
    outlets.has(MYVALUE_APPS_OUTLET) ? undefined : `/outlets has no ${MYVALUE_APPS_OUTLET} (MyValue Apps), where new memberships and promo purchases are booked: add it`,
    ...seed.users.flatMap((u, i) => [
      ...(u.history ?? []).map((h, j) => unknownOutlet(h.outletID, `/users/${i}/history/${j}/outletID`)),
      ...(u.memberships ?? []).map((m, j) => (m.outletCode === undefined ? undefined : unknownOutlet(m.outletCode, `/users/${i}/memberships/${j}/outletCode`))),
    ]),
    referenceTwice(seed),
  ];
  return problems.find((p) => p !== undefined);
}

/** The shipped demo seed (mocks/seed.json), as the tests check it. */
let shipped: string | undefined;

/** Reads a seed file (default: the shipped demo seed, which is not checked again at every start). */
export function loadSeed(file: string = DEFAULT_SEED_FILE): Seed {
  if (file === DEFAULT_SEED_FILE) {
    shipped ??= readFileSync(file, 'utf8');
    return JSON.parse(shipped) as Seed;
  }
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new SeedError(`cannot read seed ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  return parseSeed(text, file);
}
