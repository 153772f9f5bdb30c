/** Printable seat cards: PINs and QR join links from the server, kept while the MC switches tabs. */
import type { SeatCard } from '@cv/shared/protocol';
import { defineStore } from 'pinia';
import QRCode from 'qrcode';
import { ref, shallowRef } from 'vue';
import { useConsoleStore } from './console.ts';
import { useShowStore } from './show.ts';

export const useSeatCardsStore = defineStore('seat-cards', () => {
  const show = useShowStore();
  const consoleStore = useConsoleStore();
  const cards = shallowRef<SeatCard[]>([]);
  /** seat → QR code image (data URL) of the card's join link */
  const qr = shallowRef<Record<number, string>>({});
  const loading = ref(false);

  async function load(): Promise<boolean> {
    const client = show.client;
    if (!client || loading.value) return false;
    loading.value = true;
    try {
      const data = await consoleStore.request(() => client.request('seat:cards'));
      if (!data) return false;
      const codes: Record<number, string> = {};
      await Promise.all(
        data.map(async (card) => {
          codes[card.seat] = await QRCode.toDataURL(card.joinUrl, {
            margin: 1,
            width: 300,
            errorCorrectionLevel: 'M',
          });
        }),
      );
      cards.value = data;
      qr.value = codes;
      return true;
    } finally {
      loading.value = false;
    }
  }

  function clear(): void {
    cards.value = [];
    qr.value = {};
  }

  return { cards, qr, loading, load, clear };
});
