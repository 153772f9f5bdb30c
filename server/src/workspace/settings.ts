/** The contest's own words for certificates and exports: title, organizer, place, who signs. */
import type { ContestSettings } from '@cv/shared/protocol';
import { auditOf, COLLECTIONS as C, type Actor, type WorkspaceDeps } from './context.ts';

export const DEFAULT_SETTINGS: ContestSettings = {
  contestTitle:
    'Cuộc thi tìm hiểu “Đề án 06 - Chuyển đổi số, vì lợi ích cộng đồng” trên địa bàn tỉnh Đắk Lắk',
  organizer: 'Ban Tổ chức Cuộc thi',
  place: 'Đắk Lắk',
  signerTitle: 'TM. Ban Tổ chức — Trưởng ban',
  signerName: '',
};

export class SettingsService {
  constructor(private readonly deps: WorkspaceDeps) {}

  async get(): Promise<ContestSettings> {
    return (await this.deps.ws.get<ContestSettings>(C.settings, 'contest'))?.doc ?? DEFAULT_SETTINGS;
  }

  async set(actor: Actor, next: ContestSettings): Promise<ContestSettings> {
    const before = await this.get();
    await this.deps.ws.write(
      [{ op: 'put', collection: C.settings, id: 'contest', doc: next }],
      [auditOf(actor, this.deps.clock(), 'settings', 'settings.update', 'contest', before, next)],
    );
    return next;
  }
}
