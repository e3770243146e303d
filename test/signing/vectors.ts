// Known-answer vectors for every signing rule, computed here with node:crypto from SIGNING.md's
// field orders written out again by hand, independently of src/signing's table.
import { createHash } from 'node:crypto';

export interface Vector {
  rule: string;
  clientId: string;
  clientSecret: string;
  fields: Record<string, string | number | undefined>;
  /** The string hashed, built by hand. */
  text: string;
  sign: string;
}

const sha = (s: string): string => createHash('sha256').update(Buffer.from(s, 'utf8')).digest('hex');

const ID = 'GramediaPOS';
const SECRET = 'test-secret-123';
const NON_ASCII_SECRET = 'rahasia-ÄÖÜ-日本-🔑';

function v(rule: string, fields: Vector['fields'], parts: Array<string | number | undefined>, secret = SECRET, clientId = ID): Vector {
  const text = clientId + secret + parts.map((p) => (p === undefined ? '' : String(p))).join('');
  return { rule, clientId, clientSecret: secret, fields, text, sign: sha(text) };
}

export const VECTORS: Vector[] = [
  v('user.get', { by: 'valueid', value: 'VR8EPN' }, ['valueid', 'VR8EPN']),
  v('user.get', { by: 'email', value: 'siti@contoh.co.id' }, ['email', 'siti@contoh.co.id'], NON_ASCII_SECRET),
  v('user.create', { email: 'a@b.co', fullName: 'Budi Santoso' }, ['a@b.co', undefined, 'Budi Santoso', undefined, undefined]),
  v('user.create', { email: 'a@b.co', mobilePhoneNumber: '081234567890', fullName: 'Dédé Ñoño', membershipName: 'Gramedia', membershipNumber: 'C-1' }, ['a@b.co', '081234567890', 'Dédé Ñoño', 'Gramedia', 'C-1'], NON_ASCII_SECRET),
  v('point.get', { valueID: 'VR8EPN' }, ['VR8EPN']),
  v('point.earn', { amount: 10000, referenceNo: 'MVAPP-TEST-080989999', exchangeRate: 0, outletID: 'MVAPP00001' }, [10000, 'MVAPP-TEST-080989999', 0, 'MVAPP00001']),
  v('point.earn', { amount: 10000, referenceNo: 'R-2', outletID: 'MVAPP00001' }, [10000, 'R-2', undefined, 'MVAPP00001'], NON_ASCII_SECRET),
  v('point.earn.estimate', { amount: 10000, outletID: 'MVAPP00001', valueID: 'VB60VS' }, [10000, 'MVAPP00001', 'VB60VS']),
  v('point.redeem', { amount: 2, referenceNo: 'MVAPP-TEST-121A123987464646', outletID: 'MVAPP00001' }, [2, 'MVAPP-TEST-121A123987464646', 'MVAPP00001']),
  v('point.adjustment', { amount: 10000, referenceNo: 'MVAPP-cancel-redeem-16526172615', exchangeRate: 0, outletID: 'MVAPP00001', adjustedReferenceNo: 'MVAPP-TEST-1abc1234', adjustmentType: 'CANCEL_REDEEM' }, [10000, 'MVAPP-cancel-redeem-16526172615', 0, 'MVAPP00001', 'MVAPP-TEST-1abc1234', 'CANCEL_REDEEM']),
  v('point.adjustment', { amount: 100, referenceNo: 'MVAPP-refund-aoopx2p121', outletID: 'MVAPP00001', adjustedReferenceNo: 'MVAPP-TEST-12121sa2s121', adjustmentType: 'RETURN_EARN' }, [100, 'MVAPP-refund-aoopx2p121', undefined, 'MVAPP00001', 'MVAPP-TEST-12121sa2s121', 'RETURN_EARN'], NON_ASCII_SECRET),
  v('point.history', { valueID: 'VB60VS', limit: '10', page: '2' }, [undefined, undefined, undefined, undefined, '10', '2', undefined, 'VB60VS']),
  v('point.history', { brandID: '1', businessUnit: '2', from: '2022-01-01', to: '2022-12-31', limit: '5', page: '1', mutation: 'EARNING', valueID: 'VB60VS' }, ['1', '2', '2022-01-01', '2022-12-31', '5', '1', 'EARNING', 'VB60VS']),
  v('promo.list', { valueID: 'VR8EPN', page: '1', pageSize: '8' }, ['VR8EPN', '1', '8'], SECRET, 'KompasCom'),
  v('promo.list', { valueID: 'VR8EPN' }, ['VR8EPN', undefined, undefined]),
  v('promo.get', { ID: '13063', valueID: 'VR8EPN' }, ['13063', 'VR8EPN'], SECRET, 'KompasCom'),
  v('promo.buy', { id: 13063, valueID: 'VR8EPN' }, [13063, 'VR8EPN'], NON_ASCII_SECRET),
  v('voucher.list', { valueID: 'VR8EPN', page: '2', pageSize: '3' }, ['VR8EPN', '2', '3']),
  v('voucher.get', { ID: '7', valueID: 'VR8EPN' }, ['7', 'VR8EPN']),
];
