/** Test helpers of the client pages: the app's providers, and answers shaped like openapi-fetch's. */
import { MantineProvider } from "@mantine/core";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { render } from "@testing-library/react";
import type { ReactElement } from "react";
import i18n from "../../i18n";

export function renderWithProviders(ui: ReactElement, language: "nl" | "en" = "nl") {
  void i18n.changeLanguage(language);
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(
    <MantineProvider env="test">
      <QueryClientProvider client={client}>{ui}</QueryClientProvider>
    </MantineProvider>,
  );
}

/** An openapi-fetch answer: `data` with a 2xx response, or a problem with its status. */
export function answer<T>(data: T, status = 200) {
  const okStatus = status >= 200 && status < 300;
  return Promise.resolve({
    data: okStatus ? data : undefined,
    error: okStatus ? undefined : data,
    response: new Response(null, { status }),
  });
}
