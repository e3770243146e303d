// Node's CommonJS loader, Module._load, through which Node 20 loads a CommonJS package whether it is
// required (the request is its name) or imported (vitest imports node_modules natively; the request is
// the resolved path): the one place the core guard and the Newman run tracker look at what a test loads.
import Module from 'node:module';

type Load = (request: string, parent: unknown, isMain: boolean) => unknown;

/**
 * Wraps Module._load: `around` gets each request and a function that loads it, and returns what the
 * loader returns. Call it once per process (callers keep their own once-only state).
 * @example aroundModuleLoad((request, load) => { if (/newman/.test(request)) throw new Error('no'); return load(); });
 */
export function aroundModuleLoad(around: (request: string, load: () => unknown) => unknown): void {
  const internals = Module as unknown as { _load: Load };
  const load = internals._load;
  internals._load = function wrappedLoad(this: unknown, request, parent, isMain) {
    return around(request, () => load.call(this, request, parent, isMain));
  };
}
