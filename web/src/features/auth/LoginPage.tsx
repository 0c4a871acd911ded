import { Alert, Anchor, Button, Stack, Text, TextInput } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { Link, Navigate, useLocation, useNavigate } from 'react-router';
import { api, errorMessage } from '../../api/client';
import type { Me } from '../../api/types';
import { apiFieldError } from '../../components/forms';
import { PasswordField } from '../../components/PasswordField';
import { AuthCard } from './AuthCard';
import { useConsoleConfig, useMe, useSetMe } from './session';

export function LoginPage() {
  const { data: me } = useMe();
  const { data: config } = useConsoleConfig();
  const setMe = useSetMe();
  const navigate = useNavigate();
  const location = useLocation();
  const from = (location.state as { from?: string } | null)?.from ?? '/';
  // `?next=/docs`: pages served outside the console (the API reference) send users here.
  const next = new URLSearchParams(location.search).get('next');
  const outside = next === '/docs' ? next : null;
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const login = useMutation({
    mutationFn: () => api.post<Me>('/login', { email, password }),
    onSuccess: (m) => {
      setMe(m);
      if (outside) window.location.assign(outside);
      else navigate(from, { replace: true });
    },
  });
  if (me && outside) {
    window.location.assign(outside);
    return null;
  }
  if (me) return <Navigate to={from} replace />;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    login.mutate();
  };
  return (
    <AuthCard title="Log in" subtitle="Manage API keys, members and CRM records.">
      <form onSubmit={submit} aria-label="Log in" noValidate>
        <Stack>
          {login.error && (
            <Alert color="red" role="alert" data-testid="login-error">
              {errorMessage(login.error)}
            </Alert>
          )}
          <TextInput
            label="Email"
            type="email"
            autoComplete="email"
            required
            value={email}
            onChange={(e) => setEmail(e.currentTarget.value)}
            error={apiFieldError(login.error, 'email')}
            data-testid="login-email"
          />
          <PasswordField
            label="Password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => setPassword(e.currentTarget.value)}
            error={apiFieldError(login.error, 'password')}
            data-testid="login-password"
          />
          <Button type="submit" loading={login.isPending} data-testid="login-submit">
            Log in
          </Button>
          <Text size="sm" ta="center">
            <Anchor component={Link} to="/forgot-password" data-testid="forgot-password">
              Forgot password?
            </Anchor>
          </Text>
          {config?.signup !== 'closed' && (
            <Text size="sm" ta="center">
              No account yet?{' '}
              <Anchor component={Link} to="/signup">
                Sign up
              </Anchor>
            </Text>
          )}
        </Stack>
      </form>
    </AuthCard>
  );
}
