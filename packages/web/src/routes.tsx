import type { ReactNode } from 'react';
import { Center, Loader } from '@mantine/core';
import { Navigate, Route, Routes, useLocation, useSearchParams } from 'react-router';
import { roleHas, type Capability } from '@qorgau/core';
import { useTranslation } from 'react-i18next';
import { useSession, useUser, wasSignedOutByUser } from './auth/session.ts';
import { LoginPage } from './auth/login-page.tsx';
import { EnrolPage } from './auth/enrol-page.tsx';
import { AppLayout } from './layout/app-layout.tsx';
import { HomePage } from './home/home-page.tsx';
import { UsersPage } from './users/users-page.tsx';
import { RolesPage } from './users/roles-page.tsx';
import { AuditPage } from './audit/audit-page.tsx';
import { AccountPage } from './account/account-page.tsx';
import { NotFoundPage } from './components/not-found-page.tsx';
import { ReportsPage } from './reports/reports-page.tsx';
import { ReportPage } from './reports/report-page.tsx';
import { RegisterReportPage } from './reports/register/register-page.tsx';
import { PersonsPage } from './persons/persons-page.tsx';
import { PersonPage } from './persons/person-page.tsx';
import { PublicReportPage } from './public/public-report-page.tsx';
import { PublicStatusPage } from './public/public-status-page.tsx';
import { ErrorAlert } from './components/error-alert.tsx';
import { ConsolePage } from './console/console-page.tsx';
import { readsContacts } from './contacts/access.ts';
import { ContactsPage } from './contacts/contacts-page.tsx';
import { ProtocolPage } from './protocol/protocol-page.tsx';
import { ProtocolEditorPage } from './protocol/protocol-editor-page.tsx';
import { UnitsPage } from './units/units-page.tsx';
import { InboxPage } from './tasks/inbox-page.tsx';
import { TaskPage } from './tasks/task-page.tsx';
import { TimelinessPage } from './tasks/timeliness-page.tsx';
import { ConferencesPage } from './conferences/conferences-page.tsx';
import { SchoolsPage } from './schools/schools-page.tsx';
import { SchoolPage } from './schools/school-page.tsx';
import { SchoolImportPage } from './schools/import-page.tsx';
import { LazyWorkforcePage } from './workforce/lazy.tsx';
import { ConcernsPage } from './concerns/concerns-page.tsx';
import { ConcernFormPage } from './concerns/concern-form-page.tsx';
import { ConcernPage } from './concerns/concern-page.tsx';
import { ServicesPage } from './services/services-page.tsx';
import { ReferralsPage } from './services/referrals-page.tsx';
import { CasesPage } from './cases/cases-page.tsx';
import { CaseFormPage } from './cases/case-form-page.tsx';
import { CasePage } from './cases/case-page.tsx';
import { PreventionCoveragePage, PublicStatsPage, StatsDashboardPage, StatsPopulationPage, StatsTablesPage } from './stats/lazy.tsx';
import { ProgrammesPage, RecordSessionPage, SessionsPage, TrainingsPage, VolunteersPage } from './prevention/register-pages.tsx';
import { RiskRegisterRoute } from './warnings/register-page.tsx';
import { ProfilesPage } from './warnings/profiles-page.tsx';
import { LinkagePage } from './linkage/linkage-page.tsx';
import { PairPage } from './linkage/pair-page.tsx';

/** Only same-site paths, so that ?next= cannot send anyone elsewhere. */
function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/login') ? next : '/';
}

function RedirectToLogin() {
  const location = useLocation();
  const next = location.pathname + location.search;
  const plain = next === '/' || wasSignedOutByUser();
  return <Navigate to={plain ? '/login' : `/login?next=${encodeURIComponent(next)}`} replace />;
}

function AfterLogin() {
  const [params] = useSearchParams();
  return <Navigate to={safeNext(params.get('next'))} replace />;
}

function RequireCapability({ capability, children }: { capability: Capability; children: ReactNode }) {
  const user = useUser();
  return roleHas(user.role, capability) ? children : <NotFoundPage />;
}

function RequireContactsReader({ children }: { children: ReactNode }) {
  const user = useUser();
  return readsContacts(user.role) ? children : <NotFoundPage />;
}

/** The public side (report form, status by tracking code) works signed in or not. */
const publicRoutes = (
  <>
    <Route path="/public/report" element={<PublicReportPage />} />
    <Route path="/public/status" element={<PublicStatusPage />} />
    <Route path="/public/stats" element={<PublicStatsPage />} />
    <Route path="/public" element={<Navigate to="/public/report" replace />} />
  </>
);

export function AppRoutes() {
  const { t } = useTranslation();
  const session = useSession();

  if (session.isPending) {
    return (
      <Center h="100vh" aria-busy="true">
        <Loader aria-label={t('common.loading')} />
      </Center>
    );
  }
  if (session.isError) {
    return (
      <Center h="100vh" p="md">
        <ErrorAlert error={session.error} />
      </Center>
    );
  }
  if (!session.data) {
    return (
      <Routes>
        <Route path="/login" element={<LoginPage />} />
        {publicRoutes}
        <Route path="*" element={<RedirectToLogin />} />
      </Routes>
    );
  }
  if (session.data.enrolmentRequired || !session.data.user) {
    return (
      <Routes>
        <Route path="/account/two-factor" element={<EnrolPage />} />
        {publicRoutes}
        <Route path="*" element={<Navigate to="/account/two-factor" replace />} />
      </Routes>
    );
  }
  return (
    <Routes>
      <Route path="/login" element={<AfterLogin />} />
      {publicRoutes}
      <Route element={<AppLayout />}>
        <Route index element={<HomePage />} />
        <Route path="users" element={<RequireCapability capability="users.manage"><UsersPage /></RequireCapability>} />
        <Route path="roles" element={<RequireCapability capability="users.manage"><RolesPage /></RequireCapability>} />
        <Route path="audit" element={<RequireCapability capability="audit.read"><AuditPage /></RequireCapability>} />
        <Route path="reports" element={<RequireCapability capability="reports.read"><ReportsPage /></RequireCapability>} />
        <Route path="reports/new" element={<RequireCapability capability="reports.create"><RegisterReportPage /></RequireCapability>} />
        <Route path="reports/:id" element={<RequireCapability capability="reports.read"><ReportPage /></RequireCapability>} />
        <Route path="persons" element={<RequireCapability capability="reports.read"><PersonsPage /></RequireCapability>} />
        <Route path="persons/:id" element={<RequireCapability capability="reports.read"><PersonPage /></RequireCapability>} />
        <Route path="console" element={<RequireCapability capability="contacts.handle"><ConsolePage /></RequireCapability>} />
        <Route path="contacts" element={<RequireContactsReader><ContactsPage /></RequireContactsReader>} />
        <Route path="inbox" element={<RequireCapability capability="tasks.handle"><InboxPage /></RequireCapability>} />
        <Route path="tasks/:id" element={<RequireCapability capability="tasks.handle"><TaskPage /></RequireCapability>} />
        <Route path="stats" element={<RequireCapability capability="stats.read"><StatsDashboardPage /></RequireCapability>} />
        <Route path="stats/tables" element={<RequireCapability capability="stats.read"><StatsTablesPage /></RequireCapability>} />
        <Route path="stats/population" element={<RequireCapability capability="stats.read"><StatsPopulationPage /></RequireCapability>} />
        <Route path="stats/timeliness" element={<RequireCapability capability="stats.read"><TimelinessPage /></RequireCapability>} />
        <Route path="stats/profiles" element={<RequireCapability capability="stats.read"><ProfilesPage /></RequireCapability>} />
        <Route path="risk-register" element={<RiskRegisterRoute />} />
        <Route path="conferences" element={<RequireCapability capability="conferences.manage"><ConferencesPage /></RequireCapability>} />
        <Route path="schools" element={<RequireCapability capability="workforce.read"><SchoolsPage /></RequireCapability>} />
        <Route path="schools/import" element={<RequireCapability capability="schools.manage"><SchoolImportPage /></RequireCapability>} />
        <Route path="schools/new" element={<RequireCapability capability="schools.manage"><SchoolPage /></RequireCapability>} />
        <Route path="schools/:id" element={<RequireCapability capability="workforce.read"><SchoolPage /></RequireCapability>} />
        <Route path="workforce" element={<RequireCapability capability="workforce.read"><LazyWorkforcePage /></RequireCapability>} />
        <Route path="concerns" element={<RequireCapability capability="concerns.create"><ConcernsPage /></RequireCapability>} />
        <Route path="concerns/new" element={<RequireCapability capability="concerns.create"><ConcernFormPage /></RequireCapability>} />
        <Route path="concerns/:id" element={<RequireCapability capability="concerns.create"><ConcernPage /></RequireCapability>} />
        <Route path="cases" element={<RequireCapability capability="cases.read"><CasesPage /></RequireCapability>} />
        <Route path="cases/new" element={<RequireCapability capability="cases.manage"><CaseFormPage /></RequireCapability>} />
        <Route path="cases/:id" element={<RequireCapability capability="cases.read"><CasePage /></RequireCapability>} />
        <Route path="services" element={<ServicesPage />} />
        <Route path="referrals" element={<RequireCapability capability="referrals.handle"><ReferralsPage /></RequireCapability>} />
        <Route path="prevention" element={<RequireCapability capability="prevention.read"><ProgrammesPage /></RequireCapability>} />
        <Route path="prevention/sessions" element={<RequireCapability capability="prevention.read"><SessionsPage /></RequireCapability>} />
        <Route path="prevention/sessions/new" element={<RequireCapability capability="prevention.manage"><RecordSessionPage /></RequireCapability>} />
        <Route path="prevention/coverage" element={<RequireCapability capability="prevention.read"><PreventionCoveragePage /></RequireCapability>} />
        <Route path="prevention/trainings" element={<RequireCapability capability="prevention.read"><TrainingsPage /></RequireCapability>} />
        <Route path="prevention/volunteers" element={<RequireCapability capability="prevention.read"><VolunteersPage /></RequireCapability>} />
        <Route path="linkage" element={<RequireCapability capability="linkage.review"><LinkagePage /></RequireCapability>} />
        <Route path="linkage/:id" element={<RequireCapability capability="linkage.review"><PairPage /></RequireCapability>} />
        <Route path="protocol" element={<ProtocolPage />} />
        <Route path="protocol/versions/:version" element={<ProtocolPage />} />
        <Route path="protocol/versions/:version/edit" element={<RequireCapability capability="protocol.edit"><ProtocolEditorPage /></RequireCapability>} />
        <Route path="admin/units" element={<RequireCapability capability="users.manage"><UnitsPage /></RequireCapability>} />
        <Route path="account" element={<AccountPage />} />
        {/* where enrolment happened; once done, start at home */}
        <Route path="account/two-factor" element={<Navigate to="/" replace />} />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
