export * from './growth.ts';
export * from './suppression.ts';
export * from './official-table.ts';
