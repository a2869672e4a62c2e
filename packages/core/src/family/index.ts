export * from './vocab.ts';
