import { Alert, Anchor, Button, Stack, Text, TextInput } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { api, errorMessage } from '../../api/client';
import { apiFieldError } from '../../components/forms';
import { PasswordField } from '../../components/PasswordField';
import { AuthCard } from './AuthCard';

/** "Forgot password": always the same answer, whether or not the account exists. */
export function ForgotPasswordPage() {
  const [email, setEmail] = useState('');
  const request = useMutation({ mutationFn: () => api.post('/password-reset', { email: email.trim() }) });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    request.mutate();
  };
  return (
    <AuthCard title="Reset your password" subtitle="We mail you a link to choose a new one.">
      {request.isSuccess ? (
        <Stack>
          <Alert color="teal" data-testid="reset-requested">
            If an account uses {email}, a reset link is on its way. It works once and expires in an hour.
          </Alert>
          <Anchor component={Link} to="/login" ta="center" size="sm">
            Back to log in
          </Anchor>
        </Stack>
      ) : (
        <form onSubmit={submit} aria-label="Reset password" noValidate>
          <Stack>
            {request.error && !apiFieldError(request.error, 'email') && (
              <Alert color="red" role="alert">
                {errorMessage(request.error)}
              </Alert>
            )}
            <TextInput
              label="Email"
              type="email"
              autoComplete="email"
              required
              value={email}
              onChange={(e) => setEmail(e.currentTarget.value)}
              error={apiFieldError(request.error, 'email')}
              data-testid="reset-email"
            />
            <Button type="submit" loading={request.isPending} data-testid="reset-submit">
              Send reset link
            </Button>
            <Anchor component={Link} to="/login" ta="center" size="sm">
              Back to log in
            </Anchor>
          </Stack>
        </form>
      )}
    </AuthCard>
  );
}

/** The page the mailed link opens: a new password, then log in again (every session ended). */
export function ResetPasswordPage() {
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const [password, setPassword] = useState('');
  const reset = useMutation({ mutationFn: () => api.post('/password-reset/confirm', { token, password }) });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    reset.mutate();
  };
  return (
    <AuthCard title="Choose a new password">
      {reset.isSuccess ? (
        <Stack>
          <Alert color="teal" data-testid="reset-done">
            Your password is changed and every session was signed out.
          </Alert>
          <Anchor component={Link} to="/login" ta="center">
            Log in
          </Anchor>
        </Stack>
      ) : (
        <form onSubmit={submit} aria-label="New password" noValidate>
          <Stack>
            {reset.error && !apiFieldError(reset.error, 'password') && (
              <Alert color="red" role="alert">
                {errorMessage(reset.error)}
              </Alert>
            )}
            <PasswordField
              label="New password"
              autoComplete="new-password"
              required
              value={password}
              onChange={(e) => setPassword(e.currentTarget.value)}
              error={apiFieldError(reset.error, 'password')}
              data-testid="reset-password"
            />
            <Button type="submit" loading={reset.isPending} data-testid="reset-confirm">
              Set password
            </Button>
            <Text size="xs" c="dimmed" ta="center">
              Setting it signs this account out everywhere.
            </Text>
          </Stack>
        </form>
      )}
    </AuthCard>
  );
}
