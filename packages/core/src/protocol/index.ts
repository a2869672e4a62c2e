export * from './types.ts';
export * from './engine.ts';
export * from './default-protocol.ts';
