// The contract file itself: valid OpenAPI 3, covering every signed endpoint and the Auth API.
import SwaggerParser from '@apidevtools/swagger-parser';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONTRACT_FILE } from '../../src/contract';
import { SIGN_RULES } from '../../src/signing';
import { TARGET_HOSTS } from '../../src/shared/hosts';
import { sharedContract } from '../helpers/contract-observer';

type Doc = {
  servers: Array<{ url: string }>;
  paths: Record<string, Record<string, { servers?: Array<{ url: string }>; responses: Record<string, { content?: Record<string, { schema?: Record<string, unknown> }> }> } | Array<{ url: string }>>>;
};

describe('collections/openapi/myvalue.openapi.yaml', () => {
  it('validates with swagger-parser', async () => {
    const api = (await SwaggerParser.validate(DEFAULT_CONTRACT_FILE)) as unknown as Doc;
    expect(Object.keys(api.paths).length).toBe(16);
  });

  it('has servers for sandbox and production, and the SSO host on the Auth API paths', async () => {
    const api = (await SwaggerParser.parse(DEFAULT_CONTRACT_FILE)) as unknown as Doc;
    expect(api.servers.map((s) => s.url)).toEqual([TARGET_HOSTS.sandbox.externalBaseUrl, TARGET_HOSTS.production.externalBaseUrl]);
    for (const path of ['/auth/token/', '/auth/introspect/', '/authorize/mapping']) {
      expect((api.paths[path]?.servers as Array<{ url: string }>).map((s) => s.url), path).toEqual([TARGET_HOSTS.sandbox.authBaseUrl]);
    }
  });

  it('covers every rule of the signing table, with the rule method', () => {
    const contract = sharedContract();
    for (const rule of SIGN_RULES) {
      const op = contract.match(rule.method, rule.path.replace(':ID', '13063'));
      expect(op, rule.name).toBeDefined();
    }
    expect(contract.match('POST', '/auth/token/')?.operationId).toBe('authToken');
    expect(contract.match('POST', '/auth/introspect/')?.operationId).toBe('authIntrospect');
    expect(contract.match('GET', '/authorize/mapping')?.operationId).toBe('authorizeMapping');
  });

  it('documents JSON error bodies {id, detail, errorCode} for every 4xx', async () => {
    const api = (await SwaggerParser.dereference(DEFAULT_CONTRACT_FILE)) as unknown as Doc;
    const checked: string[] = [];
    for (const [path, item] of Object.entries(api.paths)) {
      for (const [method, op] of Object.entries(item)) {
        if (Array.isArray(op)) continue;
        for (const [status, response] of Object.entries(op.responses)) {
          const schema = response.content?.['application/json']?.schema;
          if (!status.startsWith('4') || !schema) continue;
          expect(schema.required, `${method} ${path} ${status}`).toEqual(['id', 'detail', 'errorCode']);
          checked.push(`${method} ${path} ${status}`);
        }
      }
    }
    expect(checked.length).toBeGreaterThan(60);
  });
});
