// MyValue's own fixed names, as its docs show them, written once.

/** The MyValue Apps outlet: a new MyValue membership's outlet unless a referral names one, and where promo purchases are booked. */
export const MYVALUE_APPS_OUTLET = 'MVAPP00001';

/** The membership every MyValue user has (as user.get shows it). */
export const MYVALUE_MEMBERSHIP = { id: 3, name: 'MyValue' } as const;
