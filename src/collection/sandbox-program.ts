// The Postman scripts the harness generates, composed from the sandbox programs in sandbox/*.js
// (ES5, type-checked by tsc against sandbox/pm.d.ts): their pieces inside one function scope, so
// nothing leaks into the script's globals (a merged hook shares its script with the author's code),
// then the call of the program with its data as JSON. No fn.toString() (STYLE.md rule 9).
import { sandboxSource } from '../shared/sandbox-source';
import { scriptJson } from '../shared/text';

/** fieldText(), sha256Hex() and signOf() (sandbox/sign-primitives.js); they use `CryptoJS`. */
export const SIGN_PRIMITIVES: string = sandboxSource(new URL('./sandbox/sign-primitives.js', import.meta.url));

export interface SandboxCall {
  /** The program's function, e.g. 'myvalueSigningHook'. */
  main: string;
  /** Its arguments after `pm`, written as JSON (JSON text is ES5 text). */
  args: readonly unknown[];
  /** Binds `CryptoJS` to require('crypto-js') (the sign primitives need it). */
  crypto?: boolean;
}

/** ES5 JSON of one argument (scriptJson); a top-level array one item a line, as the hook's rule table reads best. */
function argumentText(value: unknown): string {
  return Array.isArray(value) ? `[\n${value.map((item) => `  ${scriptJson(item)}`).join(',\n')}\n]` : scriptJson(value);
}

/**
 * The script text: `(function (CryptoJS) { <pieces> main(pm, ...args); })(require('crypto-js'));`.
 * @example sandboxProgram([CONTRACT_CHECK], { main: 'myvalueContractCheck', args: ['myvalueContractCheck', 'contract: '] })
 */
export function sandboxProgram(pieces: readonly string[], call: SandboxCall): string {
  const args = ['pm', ...call.args.map(argumentText)].join(', ');
  return [
    call.crypto ? '(function (CryptoJS) {' : '(function () {',
    ...pieces,
    `${call.main}(${args});`,
    call.crypto ? "})(require('crypto-js'));" : '})();',
  ].join('\n');
}
