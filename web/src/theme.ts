import {
  Badge,
  createTheme,
  darken,
  defaultVariantColorsResolver,
  Modal,
  parseThemeColor,
  type VariantColorsResolver,
} from '@mantine/core';

/**
 * Text colours strong enough for WCAG AA (4.5:1) on white and on the light tints: Mantine's
 * default shades for text (e.g. red.6, teal.6, gray.6 for "dimmed") are 2.5–3.5:1. Filled
 * surfaces use shade 8 (indigo.8 is 5.7:1 under white text); text on light, outline and
 * subtle surfaces uses shade 9, darkened further for the palettes whose 9 is still light.
 */
const TEXT_DARKEN: Record<string, number> = { yellow: 0.45, orange: 0.3, green: 0.2, lime: 0.45, teal: 0.1 };

const resolveVariantColors: VariantColorsResolver = (input) => {
  const base = defaultVariantColorsResolver(input);
  const parsed = parseThemeColor({ color: input.color ?? input.theme.primaryColor, theme: input.theme });
  if (!parsed.isThemeColor || !parsed.color) return base;
  const shade9 = input.theme.colors[parsed.color]?.[9];
  if (!shade9) return base;
  const text = darken(shade9, TEXT_DARKEN[parsed.color] ?? 0);
  switch (input.variant) {
    case 'light':
    case 'subtle':
    case 'transparent':
      return { ...base, color: text };
    case 'outline':
      return { ...base, color: text, border: `1px solid ${text}` };
    case 'filled':
      return { ...base, background: text, hover: darken(text, 0.1), color: 'var(--mantine-color-white)' };
    default:
      return base;
  }
};

export const theme = createTheme({
  primaryColor: 'indigo',
  primaryShade: 8,
  defaultRadius: 'md',
  fontFamily: 'Inter, system-ui, -apple-system, "Segoe UI", Roboto, sans-serif',
  fontFamilyMonospace: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace',
  variantColorResolver: resolveVariantColors,
  components: {
    // Every dialog's ✕ has a name for screen readers.
    Modal: Modal.extend({ defaultProps: { closeButtonProps: { 'aria-label': 'Close dialog' } } }),
    // Badges hold short status words: never ellipsize them when a table column is tight.
    Badge: Badge.extend({
      styles: { root: { flexShrink: 0, minWidth: 'max-content' }, label: { overflow: 'visible' } },
    }),
  },
});

/** "dimmed" text is gray.7 (8:1 on white), not Mantine's gray.6 (3.3:1). */
export const cssVariablesResolver = () => ({
  variables: {},
  light: { '--mantine-color-dimmed': 'var(--mantine-color-gray-7)' },
  dark: {},
});
