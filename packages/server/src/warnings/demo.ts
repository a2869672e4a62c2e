// The demo's early-warning flags: computed once the demo's reports, concerns and cases exist
// (demo/seed.ts calls this after the cases demo); afterwards the hourly job keeps them current.
import type { Deps } from '../deps.ts';
import { refreshAllFlags } from './rules.ts';

export async function seedDemoWarnings(deps: Deps): Promise<void> {
  await refreshAllFlags(deps, { force: true });
}
