export * from './growth.ts';
export * from './suppression.ts';
