import { lazy } from 'react';
import { Navigate, Route, Routes } from 'react-router';
import { AcceptInvitePage } from './features/auth/AcceptInvitePage';
import { LoginPage } from './features/auth/LoginPage';
import { ForgotPasswordPage, ResetPasswordPage } from './features/auth/PasswordResetPages';
import { RequireAuth } from './features/auth/RequireAuth';
import { SignupPage } from './features/auth/SignupPage';
import { WelcomePage } from './features/auth/WelcomePage';
import { WebhooksPage } from './features/webhooks/WebhooksPage';
import { AppLayout } from './layout/AppLayout';
import { NotFoundPage } from './layout/NotFoundPage';

// Chart-heavy and less-visited screens load on demand.
const ApiKeysPage = lazy(() =>
  import('./features/keys/ApiKeysPage').then((m) => ({ default: m.ApiKeysPage })),
);
const KeyPage = lazy(() => import('./features/keys/KeyPage').then((m) => ({ default: m.KeyPage })));
const KeyPolicyPage = lazy(() =>
  import('./features/keys/KeyPolicyPage').then((m) => ({ default: m.KeyPolicyPage })),
);
const UsagePage = lazy(() => import('./features/usage/UsagePage').then((m) => ({ default: m.UsagePage })));
const AuditPage = lazy(() => import('./features/audit/AuditPage').then((m) => ({ default: m.AuditPage })));
const MembersPage = lazy(() =>
  import('./features/members/MembersPage').then((m) => ({ default: m.MembersPage })),
);
const OrganizationPage = lazy(() =>
  import('./features/org/OrganizationPage').then((m) => ({ default: m.OrganizationPage })),
);
const PeoplePage = lazy(() =>
  import('./features/crm/people/PeoplePage').then((m) => ({ default: m.PeoplePage })),
);
const PersonPage = lazy(() =>
  import('./features/crm/people/PersonPage').then((m) => ({ default: m.PersonPage })),
);
const CompaniesPage = lazy(() =>
  import('./features/crm/companies/CompaniesPage').then((m) => ({ default: m.CompaniesPage })),
);
const CompanyPage = lazy(() =>
  import('./features/crm/companies/CompanyPage').then((m) => ({ default: m.CompanyPage })),
);
const InteractionsPage = lazy(() =>
  import('./features/crm/interactions/InteractionsPage').then((m) => ({ default: m.InteractionsPage })),
);
const ImportPage = lazy(() =>
  import('./features/crm/import/ImportPage').then((m) => ({ default: m.ImportPage })),
);

export function App() {
  return (
    <Routes>
      <Route path="/login" element={<LoginPage />} />
      <Route path="/signup" element={<SignupPage />} />
      <Route path="/accept-invite" element={<AcceptInvitePage />} />
      <Route path="/forgot-password" element={<ForgotPasswordPage />} />
      <Route path="/reset-password" element={<ResetPasswordPage />} />
      <Route
        element={
          <RequireAuth>
            <AppLayout />
          </RequireAuth>
        }
      >
        <Route index element={<Navigate to="/crm/people" replace />} />
        <Route path="/welcome" element={<WelcomePage />} />
        <Route path="/settings" element={<Navigate to="/settings/api" replace />} />
        <Route path="/settings/api" element={<ApiKeysPage />} />
        <Route path="/settings/api/policy" element={<KeyPolicyPage />} />
        <Route path="/settings/api/:id" element={<KeyPage />} />
        <Route path="/settings/organization" element={<OrganizationPage />} />
        <Route path="/settings/webhooks" element={<WebhooksPage />} />
        <Route path="/usage" element={<UsagePage />} />
        <Route path="/audit" element={<AuditPage />} />
        <Route path="/members" element={<MembersPage />} />
        <Route path="/crm" element={<Navigate to="/crm/people" replace />} />
        <Route path="/crm/people" element={<PeoplePage />} />
        <Route path="/crm/people/:id" element={<PersonPage />} />
        <Route path="/crm/companies" element={<CompaniesPage />} />
        <Route path="/crm/companies/:id" element={<CompanyPage />} />
        <Route path="/crm/interactions" element={<InteractionsPage />} />
        <Route path="/crm/import" element={<ImportPage />} />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
