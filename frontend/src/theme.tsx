/**
 * The Mantine theme, tuned for WCAG AA contrast: darker text for light/outline/subtle variants and for
 * "dimmed" text, and labelled close buttons (in the UI language) on notifications and pills.
 */
import {
  type CSSVariablesResolver,
  createTheme,
  defaultVariantColorsResolver,
  MantineProvider,
  Notification,
  Pill,
  parseThemeColor,
  type VariantColorsResolver,
} from "@mantine/core";
import { type ReactNode, useMemo } from "react";
import { useTranslation } from "react-i18next";

const variantColorResolver: VariantColorsResolver = (input) => {
  const colors = defaultVariantColorsResolver(input);
  const parsed = parseThemeColor({ color: input.color || input.theme.primaryColor, theme: input.theme });
  if (
    parsed.isThemeColor &&
    parsed.shade === undefined &&
    ["light", "outline", "subtle"].includes(input.variant)
  ) {
    const dark = `var(--mantine-color-${parsed.color}-9)`;
    return {
      ...colors,
      color: dark,
      hoverColor: dark,
      border: input.variant === "outline" ? `1px solid ${dark}` : colors.border,
    };
  }
  return colors;
};

const resolver: CSSVariablesResolver = () => ({
  variables: {},
  light: { "--mantine-color-dimmed": "var(--mantine-color-gray-7)" },
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
