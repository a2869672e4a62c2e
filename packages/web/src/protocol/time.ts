// Kazakhstan time for the protocol pages: the app's formatters already show every instant in
// that zone (format.ts); these names are kept for the protocol's own code.
export { formatDateTime as formatKz, fromKzInput, kzInputValue } from '../format.ts';
