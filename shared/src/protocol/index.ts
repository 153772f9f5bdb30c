export * from './errors.ts';
export * from './model.ts';
export * from './views.ts';
export * from './schemas.ts';
export * from './events.ts';
export * from './admin.ts';
