import { Alert, Anchor, Button, Stack, Text, TextInput } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { Link, Navigate, useNavigate } from 'react-router';
import { api } from '../../api/client';
import type { Me } from '../../api/types';
import { apiFieldError, formLevelError } from '../../components/forms';
import { PasswordField } from '../../components/PasswordField';
import { AuthCard } from './AuthCard';
import { useConsoleConfig, useMe, useSetMe } from './session';

const FIELDS = ['email', 'password', 'name', 'organizationName'];

export function SignupPage() {
  const { data: me } = useMe();
  const { data: config } = useConsoleConfig();
  const setMe = useSetMe();
  const navigate = useNavigate();
  const [form, setForm] = useState({ email: '', password: '', name: '', organizationName: '' });
  const [touched, setTouched] = useState(false);
  const signup = useMutation({
    mutationFn: () => api.post<Me>('/signup', form),
    onSuccess: (m) => {
      setMe(m);
      navigate('/welcome', { replace: true });
    },
  });
  if (me && !signup.isSuccess) return <Navigate to="/" replace />;

  const local: Record<string, string | undefined> = touched
    ? {
        email: /^\S+@\S+\.\S+$/.test(form.email) ? undefined : 'Enter a valid email address',
        password: form.password.length >= 10 ? undefined : 'Use at least 10 characters',
        name: form.name.trim() ? undefined : 'Your name is required',
        organizationName: form.organizationName.trim() ? undefined : 'Organization name is required',
      }
    : {};
  const err = (f: string) => local[f] ?? apiFieldError(signup.error, f);
  const set = (k: keyof typeof form) => (e: { currentTarget: { value: string } }) => {
    // Read the value now: the event's currentTarget is gone when the updater runs.
    const v = e.currentTarget.value;
    setForm((s) => ({ ...s, [k]: v }));
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setTouched(true);
    const ok =
      /^\S+@\S+\.\S+$/.test(form.email) &&
      form.password.length >= 10 &&
      form.name.trim() &&
      form.organizationName.trim();
    if (ok) signup.mutate();
  };
  const topError = formLevelError(signup.error, FIELDS);

  return (
    <AuthCard
      title="Create your account"
      subtitle="You will own a new organization and can invite your team later."
    >
      {config?.signup === 'closed' && (
        <Alert color="yellow" mb="md" data-testid="signup-closed">
          Sign up is closed on this server. Ask an administrator for an invitation.
        </Alert>
      )}
      <form onSubmit={submit} aria-label="Sign up" noValidate>
        <Stack>
          {topError && (
            <Alert color="red" role="alert" data-testid="signup-error">
              {topError}
            </Alert>
          )}
          <TextInput
            label="Email"
            type="email"
            autoComplete="email"
            required
            value={form.email}
            onChange={set('email')}
            error={err('email')}
            data-testid="signup-email"
          />
          <PasswordField
            label="Password"
            description="At least 10 characters"
            autoComplete="new-password"
            required
            value={form.password}
            onChange={set('password')}
            error={err('password')}
            data-testid="signup-password"
          />
          <TextInput
            label="Your name"
            autoComplete="name"
            required
            value={form.name}
            onChange={set('name')}
            error={err('name')}
            data-testid="signup-name"
          />
          <TextInput
            label="Organization name"
            autoComplete="organization"
            required
            value={form.organizationName}
            onChange={set('organizationName')}
            error={err('organizationName')}
            data-testid="signup-organization"
          />
          <Button type="submit" loading={signup.isPending} data-testid="signup-submit">
            Create account
          </Button>
          <Text size="sm" ta="center">
            Already have an account?{' '}
            <Anchor component={Link} to="/login">
              Log in
            </Anchor>
          </Text>
        </Stack>
      </form>
    </AuthCard>
  );
}
