import { SegmentedControl } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { type Language, setLanguage } from "../i18n";

/** NL/EN switch; the choice is remembered in this browser. */
export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  return (
    <SegmentedControl
      size="xs"
      aria-label={t("nav.language")}
      value={i18n.language === "en" ? "en" : "nl"}
      onChange={(value) => setLanguage(value as Language)}
      data={[
        { value: "nl", label: "NL" },
        { value: "en", label: "EN" },
      ]}
      data-testid="language-switch"
    />
  );
}
