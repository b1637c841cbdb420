/** A date input in the UI language (nl: 03-04-2026); the value is an ISO date string (YYYY-MM-DD). */
import { DateInput, type DateInputProps } from "@mantine/dates";
import "@mantine/dates/styles.css";
import "dayjs/locale/nl";
import "dayjs/locale/en-gb";
import { useTranslation } from "react-i18next";

export function DateField(props: Omit<DateInputProps, "locale" | "valueFormat">) {
  const { t, i18n } = useTranslation();
  const en = i18n.language === "en";
  return (
    <DateInput
      clearable
      clearButtonProps={{
        "aria-label": `${t("common.clear")}: ${typeof props.label === "string" ? props.label : ""}`,
      }}
      {...props}
      locale={en ? "en-gb" : "nl"}
      valueFormat={en ? "DD/MM/YYYY" : "DD-MM-YYYY"}
      dateParser={(input) => {
        const m = input.trim().match(/^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$/);
        if (m) return `${m[3]}-${m[2]?.padStart(2, "0")}-${m[1]?.padStart(2, "0")}`;
        return /^\d{4}-\d{2}-\d{2}$/.test(input.trim()) ? input.trim() : null;
      }}
    />
  );
}
