/** What a printed seat card says: seat, name, unit, PIN and the QR link that puts a tablet on that seat. */
import type { JoinLinks, SeatCard } from '@cv/shared/protocol';
import type { SeatState } from '../engine/types.ts';
import type { ShowRecord } from '../storage/port.ts';

export function seatCardsOf(
  record: ShowRecord,
  seats: readonly SeatState[],
  links: Pick<JoinLinks, 'base' | 'shortBoard'>,
): SeatCard[] {
  return seats.map((s) => {
    const secret = record.secrets.seats[s.seat];
    return {
      seat: s.seat,
      name: s.name,
      ...(s.unit ? { unit: s.unit } : {}),
      pin: secret?.pin ?? '',
      joinToken: secret?.joinToken ?? '',
      // the token in the fragment: browsers never send it to the server (docs/protocol.md)
      joinUrl: `${links.base}/board/?show=${encodeURIComponent(record.showId)}#t=${encodeURIComponent(secret?.joinToken ?? '')}`,
      shortUrl: links.shortBoard,
    };
  });
}
