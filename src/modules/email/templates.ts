/** Plain-text mail, readable in any client. Each returns an outbox message. */

export const invitationEmail = (
  input: { email: string; role: string; actor: { label: string } },
  orgId: string,
  link: string,
) => ({
  orgId,
  to: input.email,
  subject: 'You are invited to Klipy',
  body: [
    `${input.actor.label} invited you to their organization on Klipy as ${input.role}.`,
    '',
    'Accept the invitation here (the link works once and expires in 7 days):',
    link,
    '',
    'If you did not expect this, ignore this mail.',
  ].join('\n'),
});

export const passwordResetEmail = (to: string, link: string, ttlMinutes: number) => ({
  to,
  subject: 'Reset your Klipy password',
  body: [
    'Someone (hopefully you) asked to reset the password of this Klipy account.',
    '',
    `Choose a new password here (the link works once and expires in ${ttlMinutes} minutes):`,
    link,
    '',
    'Resetting signs the account out everywhere. If you did not ask for this, ignore this mail:',
    'your password stays as it is.',
  ].join('\n'),
});
