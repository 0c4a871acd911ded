/** The body of every delivery, as Klipy documents it plus the event's `id` and `created_at`. */
export interface EventEnvelope {
  type: string;
  object: 'event';
  id: string;
  created_at: string;
  data: Record<string, unknown>;
}

export const envelopeOf = (ev: {
  id: string;
  type: string;
  createdAt: Date;
  data: Record<string, unknown>;
}): EventEnvelope => ({
  type: ev.type,
  object: 'event',
  id: ev.id,
  created_at: ev.createdAt.toISOString(),
  data: ev.data,
});
