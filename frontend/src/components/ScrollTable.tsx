import { Box } from "@mantine/core";
import type { ReactNode } from "react";

/**
 * A horizontally scrollable region for wide tables on a tablet. Focusable and labelled, so keyboard users
 * can scroll it too (axe: scrollable-region-focusable).
 */
export function ScrollTable({
  label,
  minWidth,
  maxHeight,
  children,
}: {
  label: string;
  minWidth: number;
  maxHeight?: number;
  children: ReactNode;
}) {
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard
    <Box role="region" aria-label={label} tabIndex={0} style={{ overflow: "auto", maxHeight }}>
      <Box miw={minWidth}>{children}</Box>
    </Box>
  );
}
