import { Badge, Group } from '@mantine/core';

/** A person's tags as small outlined badges. */
export function TagBadges({ tags }: { tags: string[] | null | undefined }) {
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
