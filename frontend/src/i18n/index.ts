/** i18next set-up: Dutch by default, English as the alternative; the choice is remembered per browser. */
import i18n from "i18next";
import { initReactI18next } from "react-i18next";
import { en } from "./en";
import { nl } from "./nl";

export const LANGUAGES = ["nl", "en"] as const;
export type Language = (typeof LANGUAGES)[number];
const STORAGE_KEY = "koers.lang";

function storedLanguage(): Language {
  const value = typeof localStorage === "undefined" ? null : localStorage.getItem(STORAGE_KEY);
  return value === "en" ? "en" : "nl";
}

void i18n.use(initReactI18next).init({
  resources: { nl: { translation: nl }, en: { translation: en } },
  lng: storedLanguage(),
  fallbackLng: "nl",
  interpolation: { escapeValue: false },
  returnNull: false,
});

if (typeof document !== "undefined") document.documentElement.lang = i18n.language;

/** Switch the UI language and remember it (localStorage: a preference, not a secret). */
export function setLanguage(language: Language): void {
  localStorage.setItem(STORAGE_KEY, language);
  document.documentElement.lang = language;
  void i18n.changeLanguage(language);
}

export function currentLanguage(): Language {
  return i18n.language === "en" ? "en" : "nl";
}

export default i18n;
