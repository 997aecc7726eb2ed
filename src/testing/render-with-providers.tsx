import type { QueryClient } from '@tanstack/react-query'
import { render, type RenderResult } from '@testing-library/react'
import userEvent, { type UserEvent } from '@testing-library/user-event'
import type { i18n as I18n } from 'i18next'
import type { ReactElement, ReactNode } from 'react'
import { createMemoryRouter, RouterProvider } from 'react-router'
import { AppProvider } from '../app/provider'
import { routes } from '../app/router'
import { createI18n } from '../i18n/i18n'
import type { Language } from '../i18n/languages'
import { createQueryClient } from '../lib/query-client'

export interface ProviderOptions {
  /** UI language; defaults to English so assertions read naturally. */
  language?: Language
  /** Defaults to the app's own client with retries off (one request per query). */
  queryClient?: QueryClient
}

export interface Rendered extends RenderResult {
  user: UserEvent
  i18n: I18n
  queryClient: QueryClient
}

function testQueryClient(): QueryClient {
  const client = createQueryClient()
  client.setDefaultOptions({
    ...client.getDefaultOptions(),
    queries: { ...client.getDefaultOptions().queries, retry: false },
  })
  return client
}

/** Renders `ui` inside the app's providers, with a fresh QueryClient and i18n instance. */
export function renderWithProviders(ui: ReactElement, options: ProviderOptions = {}): Rendered {
  const i18n = createI18n({ language: options.language ?? 'en' })
  const queryClient = options.queryClient ?? testQueryClient()
  const user = userEvent.setup()
  const result = render(
    <AppProvider i18n={i18n} queryClient={queryClient}>
      {ui}
    </AppProvider>,
  )
  return { ...result, user, i18n, queryClient }
}

export interface AppOptions extends ProviderOptions {
  /** Rendered inside the providers beside the router, e.g. a probe that calls a provider's hook. */
  alongside?: ReactNode
}

/** Renders the whole app (layout + routes) at `url`, in memory; `router` tells where it went. */
export function renderApp(
  url: string,
  { alongside, ...options }: AppOptions = {},
): Rendered & { router: ReturnType<typeof createMemoryRouter> } {
  const router = createMemoryRouter(routes, { initialEntries: [url] })
  const rendered = renderWithProviders(
    <>
      <RouterProvider router={router} />
      {alongside}
    </>,
    options,
  )
  return { ...rendered, router }
}
