export * from './clock.ts';
export * from './show-client.ts';
