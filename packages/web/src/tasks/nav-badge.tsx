import { Badge, VisuallyHidden } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { roleHas } from '@qorgau/core';
import { useUser } from '../auth/session.ts';
import { TERRITORY_ROLES, useTaskCounts } from './api.ts';

/** Overdue tasks next to "Tasks" in the navigation: the territory's for coordinators, else the unit's. */
export function InboxNavBadge() {
  const { t } = useTranslation();
  const user = useUser();
  const scope = TERRITORY_ROLES.includes(user.role) ? 'territory' : 'unit';
  const counts = useTaskCounts(scope, roleHas(user.role, 'tasks.handle'));
  const overdue = counts.data?.overdue ?? 0;
  if (!overdue) return null;
  return (
    <>
      <Badge size="sm" color="red" variant="filled" circle={overdue < 10} aria-hidden="true" data-testid="nav-inbox-overdue">
        {overdue > 99 ? '99+' : overdue}
      </Badge>
      <VisuallyHidden>{t('tasks.navOverdue', { n: overdue })}</VisuallyHidden>
    </>
  );
}
