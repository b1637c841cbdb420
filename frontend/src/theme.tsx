/**
 * The Mantine theme, tuned for WCAG AA contrast: darker text for light/outline/subtle variants and for
 * "dimmed" text, and labelled close buttons (in the UI language) on notifications and pills.
 */
import {
  type CSSVariablesResolver,
  createTheme,
  darken,
  defaultVariantColorsResolver,
  MantineProvider,
  Modal,
  Notification,
  Pill,
  parseThemeColor,
  type VariantColorsResolver,
} from "@mantine/core";
import { type ReactNode, useMemo } from "react";
import { useTranslation } from "react-i18next";

/**
 * Mantine's palette is bright: shade 9 of green or orange on a light tint is still under 4.5:1. Text of
 * light/outline/subtle variants is shade 9 darkened; filled backgrounds are shade 8 darkened.
 */
const variantColorResolver: VariantColorsResolver = (input) => {
  const colors = defaultVariantColorsResolver(input);
  const parsed = parseThemeColor({ color: input.color || input.theme.primaryColor, theme: input.theme });
  const palette =
    parsed.isThemeColor && parsed.shade === undefined ? input.theme.colors[parsed.color] : undefined;
  if (!palette) return colors;
  if (["light", "outline", "subtle"].includes(input.variant)) {
    const text = darken(palette[9], 0.25);
    return {
      ...colors,
      color: text,
      hoverColor: text,
      border: input.variant === "outline" ? `1px solid ${text}` : colors.border,
    };
  }
  if (input.variant === "filled") {
    return { ...colors, background: darken(palette[8], 0.2), hover: darken(palette[8], 0.35), color: "#fff" };
  }
  return colors;
};

const resolver: CSSVariablesResolver = () => ({
  variables: {},
  light: {
    "--mantine-color-dimmed": "var(--mantine-color-gray-7)",
    "--mantine-color-error": "var(--mantine-color-red-9)",
  },
  dark: {},
});

export function ThemeProvider({ children }: { children: ReactNode }) {
  const { t, i18n } = useTranslation();
  // biome-ignore lint/correctness/useExhaustiveDependencies: the labels follow the language
  const theme = useMemo(
    () =>
      createTheme({
        primaryColor: "blue",
        primaryShade: 8,
        defaultRadius: "sm",
        variantColorResolver,
        components: {
          Notification: Notification.extend({
            defaultProps: { closeButtonProps: { "aria-label": t("common.close") } },
          }),
          Modal: Modal.extend({ defaultProps: { closeButtonProps: { "aria-label": t("common.close") } } }),
          Pill: Pill.extend({ defaultProps: { removeButtonProps: { "aria-label": t("common.remove") } } }),
        },
      }),
    [i18n.language],
  );
  return (
    <MantineProvider theme={theme} cssVariablesResolver={resolver}>
      {children}
    </MantineProvider>
  );
}
