// Loads and checks a seed file (JSON or YAML); the default is mocks/seed.json.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import jsYaml from 'js-yaml';
import type { Seed } from './seed-types';

export const DEFAULT_SEED_FILE = fileURLToPath(new URL('../seed.json', import.meta.url));

export class SeedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SeedError';
  }
}

const str = { type: 'string', minLength: 1 } as const;
const SEED_SCHEMA = {
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

const validate = new Ajv({ allErrors: false }).compile(SEED_SCHEMA);

/** Parses and checks a seed; throws SeedError with a one-line reason. */
export function parseSeed(text: string, source: string): Seed {
  let data: unknown;
  try {
    data = jsYaml.load(text, { schema: jsYaml.CORE_SCHEMA });
  } catch (error) {
    throw new SeedError(`seed ${source} is not valid JSON or YAML: ${(error as Error).message.split('\n')[0]}`);
  }
  if (!validate(data)) {
    const first = validate.errors?.[0];
    throw new SeedError(`seed ${source}: ${first?.instancePath || '/'} ${first?.message ?? 'is invalid'}`);
  }
  return data as unknown as Seed;
}

/** Reads a seed file (default: the shipped demo seed). */
export function loadSeed(file: string = DEFAULT_SEED_FILE): Seed {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new SeedError(`cannot read seed ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  return parseSeed(text, file);
}
