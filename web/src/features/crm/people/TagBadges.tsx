import { Badge, Group } from '@mantine/core';

/** A person's tags as small outlined badges; "—" when there are none, like every empty field. */
export function TagBadges({ tags }: { tags: string[] | null | undefined }) {
  if (!tags?.length) return <>—</>;
  return (
    <Group gap={4}>
      {(tags ?? []).map((t) => (
        <Badge key={t} size="xs" variant="outline" tt="none">
          {t}
        </Badge>
      ))}
    </Group>
  );
}
