// Each domain failure as MyValue's error body: the one place that picks an error template for a rule's
// refusal and words its detail.
import type { DomainFailure } from '../domain/failures';
import { errorResponse, type ErrorId } from '../http/errors';
import type { FakeResponse } from '../http/types';

/** The template and detail of a failure. */
function failureError(f: DomainFailure): { id: ErrorId; detail: string } {
  switch (f.reason) {
    case 'membership-not-found':
      return { id: 'ErrMembershipNotFound', detail: `User membership not found: ${f.valueId}` };
    case 'suboutlet-not-found':
      return { id: 'ErrSuboutletNotfound', detail: `Suboutlet not found: ${f.outletId}` };
    case 'duplicate-reference':
      return { id: 'ErrDuplicateReferenceNo', detail: `referenceNo ${f.referenceNo} has already been used by this client (${f.usedBy.type} of ${f.usedBy.valueId}); nothing was changed` };
    case 'insufficient-points':
      return {
        id: 'ErrInsufficientPoint',
        detail: f.spending === 'return-earn'
          ? `Point is not sufficient to return earn ${f.referenceNo}: balance ${f.balance}, to take back ${f.needed}`
          : `Point is not sufficient: balance ${f.balance}, ${f.spending} ${f.needed}`,
      };
    case 'invalid-adjusted-reference': {
      const ref = f.adjustedReferenceNo;
      let why: string;
      if (f.problem === 'wrong-type') why = `referenceNo ${ref} is a ${f.found}, ${f.adjustmentType} needs a ${f.expected}`;
      else if (f.problem === 'not-found') why = `no ${f.expected} with referenceNo ${ref} for this client`;
      else if (f.problem === 'other-user') why = `referenceNo ${ref} belongs to another value ID`;
      else why = `${ref} is a voucher purchase, which cannot be cancelled`;
      return { id: 'ErrInvalidAdjustedRefCode', detail: `Invalid adjusted reference no: ${why}` };
    }
    case 'adjustment-exceeds-original':
      return {
        id: 'ErrAdjustmentExceedsOriginal',
        detail: f.adjustmentType === 'CANCEL_REDEEM'
          ? `amount ${f.amount} is more than the ${f.left} points left to cancel of redeem ${f.original.referenceNo}`
          : `amount ${f.amount} is more than the ${f.left} left to return of earn ${f.original.referenceNo} (amount ${f.original.amount})`,
      };
    case 'promo-not-found':
      return { id: 'ErrPromoNotFound', detail: `Promo not found: ${f.promoId}` };
    case 'promo-not-on-sale': {
      const why = f.why === 'inactive' ? 'is not active' : f.why === 'not-started' ? `starts at ${f.validFrom}` : `expired at ${f.validTo}`;
      return { id: 'ErrPromoExpired', detail: `Promo ${f.promoId} ${why}` };
    }
    case 'promo-sold-out':
      return { id: 'ErrPromoQuotaExhausted', detail: `Promo ${f.promoId} quota of ${f.quota} is exhausted` };
    case 'promo-purchase-limit':
      return { id: 'ErrPromoPurchaseLimit', detail: `Promo ${f.promoId} can be bought ${f.maxPerUser} time(s) per user` };
    case 'invalid-referral':
      return { id: 'ErrInvalidReferral', detail: `Referral suboutlet not found: ${f.outletId}` };
    case 'already-registered':
      return { id: 'ErrUserAlreadyRegistered', detail: `User already registered in MyValue with ${f.by} ${f.value}` };
    case 'balance-limit':
      return { id: 'ErrValidation', detail: `this earn of ${f.point} points would take the balance (${f.balance}) past ${f.limit}, the most points a balance holds exactly; nothing was changed` };
  }
}

/** MyValue's error response for a failure. */
export function failureResponse(f: DomainFailure): FakeResponse {
  const { id, detail } = failureError(f);
  return errorResponse(id, detail);
}
