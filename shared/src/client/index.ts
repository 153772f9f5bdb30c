export * from './clock.ts';
export * from './show-client.ts';
export * from './pinia.ts';
