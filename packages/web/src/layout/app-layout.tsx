import { useEffect, useRef, type ReactNode } from 'react';
import { Anchor, AppShell, Burger, Group, NavLink, ScrollArea } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { Link, Outlet, useLocation } from 'react-router';
import { useTranslation } from 'react-i18next';
import { roleHas } from '@qorgau/core';
import { useUser } from '../auth/session.ts';
import { readsContacts } from '../contacts/access.ts';
import { LanguageSwitcher } from './language-switcher.tsx';
import { UserMenu } from './user-menu.tsx';
import { InboxNavBadge } from '../tasks/nav-badge.tsx';
import { NotificationBell } from '../notifications/bell.tsx';

/** The navigation, shaped by what the role may do; only screens that exist are listed. */
function useNavItems() {
  const { t } = useTranslation();
  const user = useUser();
  const items: { to: string; label: string; testId: string; right?: ReactNode }[] = [];
  // the hotline console comes first for those who answer calls
  if (roleHas(user.role, 'contacts.handle')) items.push({ to: '/console', label: t('console.nav'), testId: 'nav-console' });
  items.push({ to: '/', label: t('nav.home'), testId: 'nav-home' });
  if (readsContacts(user.role)) items.push({ to: '/contacts', label: t('contacts.nav'), testId: 'nav-contacts' });
  if (roleHas(user.role, 'tasks.handle')) items.push({ to: '/inbox', label: t('tasks.nav'), testId: 'nav-inbox', right: <InboxNavBadge /> });
  if (roleHas(user.role, 'reports.read')) {
    items.push({ to: '/reports', label: t('reports.nav'), testId: 'nav-reports' });
    items.push({ to: '/persons', label: t('persons.nav'), testId: 'nav-persons' });
  }
  if (roleHas(user.role, 'cases.read')) items.push({ to: '/cases', label: t('cases.nav'), testId: 'nav-cases' });
  if (roleHas(user.role, 'referrals.handle')) items.push({ to: '/referrals', label: t('services.queue.nav'), testId: 'nav-referrals' });
  if (roleHas(user.role, 'cases.read') || roleHas(user.role, 'referrals.handle') || roleHas(user.role, 'services.manage')) items.push({ to: '/services', label: t('services.nav'), testId: 'nav-services' });
  // early warning: names for case workers, counts for analysts
  if (roleHas(user.role, 'cases.read') || roleHas(user.role, 'stats.read')) items.push({ to: '/risk-register', label: t('risk.register.nav'), testId: 'nav-risk-register' });
  if (roleHas(user.role, 'conferences.manage')) items.push({ to: '/conferences', label: t('conferences.nav'), testId: 'nav-conferences' });
  if (roleHas(user.role, 'workforce.read') || roleHas(user.role, 'schools.manage')) items.push({ to: '/schools', label: t('schools.nav'), testId: 'nav-schools' });
  if (roleHas(user.role, 'workforce.read')) items.push({ to: '/workforce', label: t('workforce.nav'), testId: 'nav-workforce' });
  if (roleHas(user.role, 'concerns.create') || roleHas(user.role, 'concerns.review')) items.push({ to: '/concerns', label: t('concerns.nav'), testId: 'nav-concerns' });
  if (roleHas(user.role, 'linkage.review')) items.push({ to: '/linkage', label: t('linkage.nav'), testId: 'nav-linkage' });
  // the response protocol in force: for everyone signed in
  items.push({ to: '/protocol', label: t('protocol.nav'), testId: 'nav-protocol' });
  if (roleHas(user.role, 'users.manage')) {
    items.push({ to: '/users', label: t('nav.users'), testId: 'nav-users' });
    items.push({ to: '/admin/units', label: t('units.nav'), testId: 'nav-units' });
    items.push({ to: '/roles', label: t('nav.roles'), testId: 'nav-roles' });
  }
  if (roleHas(user.role, 'stats.read')) {
    items.push({ to: '/stats', label: t('stats.nav'), testId: 'nav-stats' });
    items.push({ to: '/stats/timeliness', label: t('timeliness.nav'), testId: 'nav-timeliness' });
  }
  if (roleHas(user.role, 'prevention.read')) items.push({ to: '/prevention', label: t('prevention.nav'), testId: 'nav-prevention' });
  if (roleHas(user.role, 'audit.read')) items.push({ to: '/audit', label: t('nav.audit'), testId: 'nav-audit' });
  items.push({ to: '/account', label: t('nav.account'), testId: 'nav-account' });
  return items;
}

/** After each navigation, move focus to the new page's heading so screen readers announce it. */
function useFocusOnNavigate() {
  const location = useLocation();
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    const target = document.getElementById('page-title') ?? document.getElementById('main-content');
    target?.focus({ preventScroll: false });
  }, [location.pathname]);
}

export function AppLayout() {
  const { t } = useTranslation();
  const [opened, { toggle, close }] = useDisclosure(false);
  const location = useLocation();
  const items = useNavItems();
  useFocusOnNavigate();

  // the longest matching entry: /stats/timeliness lights up Timeliness, not Statistics as well
  const matches = (to: string) => (to === '/' ? location.pathname === '/' : location.pathname === to || location.pathname.startsWith(`${to}/`));
  const activeTo = items.map((i) => i.to).filter(matches).sort((a, b) => b.length - a.length)[0];
  const isActive = (to: string) => to === activeTo;

  return (
    <>
      <a className="skip-link" href="#main-content">
        {t('nav.skipToContent')}
      </a>
      <AppShell
        header={{ height: 56 }}
        navbar={{ width: 240, breakpoint: 'md', collapsed: { mobile: !opened } }}
        padding="md"
      >
        <AppShell.Header>
          <Group h="100%" px="md" justify="space-between" wrap="nowrap">
            <Group gap="sm" wrap="nowrap">
              <Burger
                opened={opened}
                onClick={toggle}
                hiddenFrom="md"
                size="sm"
                aria-label={opened ? t('nav.closeMenu') : t('nav.openMenu')}
                aria-expanded={opened}
                aria-controls="main-navigation"
                data-testid="nav-burger"
              />
              <Anchor component={Link} to="/" fw={800} fz="xl" underline="never" c="teal.8" lang="kk">
                Qorgau
              </Anchor>
            </Group>
            <Group gap="xs" wrap="nowrap">
              <LanguageSwitcher />
              <NotificationBell />
              <UserMenu />
            </Group>
          </Group>
        </AppShell.Header>

        <AppShell.Navbar p="xs" id="main-navigation" aria-label={t('nav.label')} component="nav">
          <ScrollArea>
            {items.map((item) => (
              <NavLink
                key={item.to}
                component={Link}
                to={item.to}
                label={item.label}
                rightSection={item.right}
                active={isActive(item.to)}
                aria-current={isActive(item.to) ? 'page' : undefined}
                data-testid={item.testId}
                onClick={close}
              />
            ))}
          </ScrollArea>
        </AppShell.Navbar>

        <AppShell.Main id="main-content" tabIndex={-1}>
          <Outlet />
        </AppShell.Main>
      </AppShell>
    </>
  );
}
