import { QueryClientProvider, type QueryClient } from '@tanstack/react-query'
import type { i18n as I18n } from 'i18next'
import type { ReactNode } from 'react'
import { I18nextProvider } from 'react-i18next'
import { ClosableOtpStep } from '../features/kiosk/kiosk-dialogs'
import { OtpGateProvider } from '../features/otp/otp-gate'
import { SessionGate } from '../features/session/session-gate'
import { AppErrorBoundary } from './error-fallback'

/**
 * Everything a screen needs around it. The i18n instance and query client come from outside so
 * tests can pass fresh ones; the boundary sits inside i18n so its message is translated.
 */
export function AppProvider({
  i18n,
  queryClient,
  children,
}: {
  i18n: I18n
  queryClient: QueryClient
  children: ReactNode
}) {
  return (
    <I18nextProvider i18n={i18n}>
      <AppErrorBoundary>
        <QueryClientProvider client={queryClient}>
          {/* The lock screen sits above every screen (and above the app's own dialogs); the
              OTP step above every screen it unlocks: any action Zupy gates on OTP can open it (and
              the kiosk idle reset can close it). */}
          <SessionGate>
            <OtpGateProvider Step={ClosableOtpStep}>{children}</OtpGateProvider>
          </SessionGate>
        </QueryClientProvider>
      </AppErrorBoundary>
    </I18nextProvider>
  )
}
