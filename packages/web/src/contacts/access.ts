import { roleHas, type Role } from '@qorgau/core';

/** Helpline contacts: those who take calls (their own) and those who oversee the line (the territory's). */
export function readsContacts(role: Role): boolean {
  return roleHas(role, 'contacts.handle') || role === 'regional_coordinator';
}
