export * from './clock.ts';
export * from './http.ts';
export * from './show-client.ts';
export * from './url-secret.ts';
export * from './delta.ts';
