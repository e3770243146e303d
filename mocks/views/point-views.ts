// The documented body of a history entry (GET /service/point/history/).
import type { HistoryEntry } from '../domain/records';

export function historyView(entry: HistoryEntry, now: Date): Record<string, unknown> {
  return {
    pointMutationSNO: entry.sno,
    createdDate: entry.createdAt,
    expiredDate: entry.expiredAt,
    outletName: entry.outletName,
    subOutletName: entry.subOutletName,
    mutationTypeName: entry.type,
    referenceNo: entry.referenceNo,
    point: entry.point,
    memberNo: entry.valueId,
    memberName: '',
    valueID: entry.valueId,
    status: null,
    isExpired: entry.expiredAt !== '' && Date.parse(entry.expiredAt) <= now.getTime(),
  };
}
