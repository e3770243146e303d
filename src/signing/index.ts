// Entry point `myvalue-harness/signing`: MyValue's 13 signing rules and the functions that build,
// compute, verify and explain a sign. Pure: no I/O but node:crypto.
export { SIGN_RULES, findRule, matchRule, type SignRule, type SignRuleName, type SignLocation, type RuleMatch } from './rules';
export { computeSign, verifySign, stringToSign, fieldText, explainSign, SECRET_MASK, SIGN_EXPLAIN_HEADER, type SignInput, type SignFields, type SignExplanation } from './sign';
export { diagnoseSign, type SignDiagnosis } from './diagnose';
