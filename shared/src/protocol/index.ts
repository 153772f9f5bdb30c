export * from './errors.ts';
export * from './model.ts';
export * from './views.ts';
export * from './schemas.ts';
export * from './session.ts';
export * from './requests.ts';
export * from './events.ts';
export * from './http/index.ts';
