// External API: get a user (GET /v2/service/user/) and create one (POST /service/user/).
import { errorResponse, jsonResponse } from '../http/errors';
import { defineRoutes } from './route';
import { optionalString, requireOneOf, requireString } from '../domain/validate';
import { LOOKUP_KINDS, type LookupBy, type User } from '../domain/records';
import { registerUser } from '../domain/registration';
import type { UserRepository } from '../domain/repositories';
import { isEmailAddress, isPhoneNumber } from '../domain/normalize';
import { failureResponse } from '../views/failure-response';
import { accountView, userView } from '../views/user-views';

/** Finds a user the way GET /v2/service/user/ does. */
function findUser(users: UserRepository, by: LookupBy, value: string): User | undefined {
  switch (by) {
    case 'valueid':
      return users.byValueId(value);
    case 'email':
      return users.byEmail(value);
    case 'phone':
      return users.byPhone(value);
    case 'membership_number':
      return users.byMembershipNumber(value);
  }
}

export const userRoutes = defineRoutes([
  {
    rule: 'user.get',
    handle({ fields, deps }) {
      const by = requireOneOf(fields, 'by', LOOKUP_KINDS);
      if (!by.ok) return errorResponse(by.error, by.detail);
      const value = requireString(fields, 'value');
      if (!value.ok) return errorResponse(value.error, value.detail);
      const user = findUser(deps.store.users, by.value, value.value);
      if (!user) return errorResponse('MUD001');
      return jsonResponse(userView(user));
    },
  },
  {
    rule: 'user.create',
    handle({ body, deps, client }) {
      const fullName = requireString(body, 'fullName');
      if (!fullName.ok) return errorResponse(fullName.error, fullName.detail);
      const email = optionalString(body, 'email');
      if (!email.ok) return errorResponse(email.error, email.detail);
      const phone = optionalString(body, 'mobilePhoneNumber', 20);
      if (!phone.ok) return errorResponse(phone.error, phone.detail);
      if (email.value === undefined && phone.value === undefined) {
        return errorResponse('ErrValidation', 'email or mobilePhoneNumber is required');
      }
      if (email.value !== undefined && !isEmailAddress(email.value)) {
        return errorResponse('ErrValidation', `email is not a valid address: "${email.value}"`);
      }
      if (phone.value !== undefined && !isPhoneNumber(phone.value)) {
        return errorResponse('ErrValidation', `mobilePhoneNumber must hold 8 to 13 digits after the country code, got "${phone.value}"`);
      }
      const membershipName = optionalString(body, 'membershipName');
      if (!membershipName.ok) return errorResponse(membershipName.error, membershipName.detail);
      const membershipNumber = optionalString(body, 'membershipNumber');
      if (!membershipNumber.ok) return errorResponse(membershipNumber.error, membershipNumber.detail);
      if ((membershipName.value === undefined) !== (membershipNumber.value === undefined)) {
        return errorResponse('ErrValidation', 'membershipName and membershipNumber go together: give both or neither');
      }
      const passwordLess = body.passwordLess;
      if (passwordLess !== undefined && typeof passwordLess !== 'boolean') {
        return errorResponse('ErrValidation', `passwordLess must be true or false, got ${JSON.stringify(passwordLess)}`);
      }
      const password = optionalString(body, 'password', 128);
      if (!password.ok) return errorResponse(password.error, password.detail);
      if (passwordLess !== true && password.value === undefined) {
        return errorResponse('ErrValidation', 'password is required unless passwordLess is true');
      }
      if (password.value !== undefined && password.value.length < 8) {
        return errorResponse('ErrValidation', 'password must be at least 8 characters');
      }
      const referencedBy = optionalString(body, 'referencedBy');
      if (!referencedBy.ok) return errorResponse(referencedBy.error, referencedBy.detail);
      const referencedCode = optionalString(body, 'referencedCode');
      if (!referencedCode.ok) return errorResponse(referencedCode.error, referencedCode.detail);
      if (referencedBy.value !== undefined && referencedBy.value !== 'suboutlet') {
        return errorResponse('ErrValidation', `referencedBy must be "suboutlet", got "${referencedBy.value}"`);
      }
      if (referencedBy.value !== undefined && referencedCode.value === undefined) {
        return errorResponse('ErrValidation', 'referencedCode is required when referencedBy is given');
      }
      const store = deps.store;
      return store.tx(() => {
        const registered = registerUser(store, deps.clock, {
          fullName: fullName.value,
          email: email.value,
          phone: phone.value,
          password: passwordLess !== true ? password.value : undefined,
          clientId: client.clientId,
          referencedCode: referencedCode.value,
          membership: membershipName.value !== undefined && membershipNumber.value !== undefined ? { name: membershipName.value, number: membershipNumber.value } : undefined,
        });
        if (!registered.ok) return failureResponse(registered);
        return jsonResponse(accountView(registered.user, store.users.memberships(registered.user.id), 'created'));
      });
    },
  },
]);
