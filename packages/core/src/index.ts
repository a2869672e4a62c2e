export * from './vocab.ts';
export * from './roles.ts';
export * from './iin.ts';
export * from './names/index.ts';
export * from './calendar.ts';
export * from './vocab-labels.ts';
export * from './demo/index.ts';
