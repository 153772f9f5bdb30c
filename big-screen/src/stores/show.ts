import { defineShowStore } from '@cv/shared/client/pinia';

export const SHOW_STORE_ID = 'show';
export const useShowStore = defineShowStore(SHOW_STORE_ID);
