export * from './allocate.ts';
export * from './school-languages.ts';
