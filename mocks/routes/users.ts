// External API: get a user (GET /v2/service/user/) and create one (POST /service/user/).
import { errorResponse, jsonResponse } from '../http/errors';
import { defineRoutes } from './route';
import { isoSeconds } from '../domain/time';
import { optionalString, requireOneOf, requireString } from '../domain/validate';
import { accountView, addMembership, findUser, insertUser, LOOKUP_KINDS, userByEmail, userByPhone, userView } from '../store/users';
import { isEmailAddress, isPhoneNumber } from '../domain/normalize';
import { hashPassword } from '../domain/passwords';
import { sql } from '../store/sql';
import { MYVALUE_APPS_OUTLET } from '../domain/myvalue';


export const userRoutes = defineRoutes([
  {
    rule: 'user.get',
    handle({ fields, deps }) {
      const by = requireOneOf(fields, 'by', LOOKUP_KINDS);
      if (!by.ok) return errorResponse(by.error, by.detail);
      const value = requireString(fields, 'value');
      if (!value.ok) return errorResponse(value.error, value.detail);
      const user = findUser(deps.store.db, by.value, value.value);
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
      const db = deps.store.db;
      return deps.store.tx(() => {
        if (referencedCode.value !== undefined && !sql(db, 'SELECT 1 FROM outlets WHERE id = ?').get(referencedCode.value)) {
          return errorResponse('ErrInvalidReferral', `Referral suboutlet not found: ${referencedCode.value}`);
        }
        if (email.value !== undefined && userByEmail(db, email.value)) {
          return errorResponse('ErrUserAlreadyRegistered', `User already registered in MyValue with email ${email.value}`);
        }
        if (phone.value !== undefined && userByPhone(db, phone.value)) {
          return errorResponse('ErrUserAlreadyRegistered', `User already registered in MyValue with phone ${phone.value}`);
        }
        const user = insertUser(db, {
          email: email.value,
          phone: phone.value,
          firstName: fullName.value,
          passwordHash: password.value !== undefined && passwordLess !== true ? hashPassword(password.value) : null,
          clientId: client.clientId,
          registerProvider: 'backend_service',
          outletCode: referencedCode.value ?? MYVALUE_APPS_OUTLET,
          createdAt: isoSeconds(deps.clock.now()),
        });
        if (membershipName.value !== undefined && membershipNumber.value !== undefined) {
          addMembership(db, user.id, { membershipId: 0, name: membershipName.value, memberNo: membershipNumber.value, outletCode: null, email: user.email, phone: user.phone, clientId: null });
        }
        return jsonResponse(accountView(db, user, 'created'));
      });
    },
  },
]);
