import { Link, NavLink, Outlet, useNavigation } from 'react-router'
import { useTranslation } from 'react-i18next'
import { lazy, Suspense, useEffect, type ReactNode } from 'react'
import { cn } from '../components/ui/cn'
import { Banner } from '../components/ui/banner'
import { Spinner } from '../components/ui/spinner'
import { paths } from '../config/paths'
import { UpdateOffer } from '../features/app-update/update-offer'
import { KioskHeaderControl, KioskMode } from '../features/kiosk/kiosk-mode'
import { useKioskMode } from '../features/kiosk/kiosk-store'
import { LanguageToggle } from '../features/language/language-toggle'
import { SandboxBanner } from '../features/pos-status/sandbox-banner'
import { LockButton } from '../features/session/lock-button'
import { KeyboardShortcuts } from '../features/shortcuts/keyboard-shortcuts'
import { useOnline } from '../lib/online'
import { prefetchScanScreen, prefetchScanScreenWhenIdle } from './scan-prefetch'

// The default brand-coloured ring would vanish on the purple header.
const headerFocus = 'focus-visible:outline-3 focus-visible:outline-white'

// Barcode-scanner input on the lookup screen; lazy, so the first load does not carry its parser.
const LookupWedgeScan = lazy(async () => ({
  default: (await import('./lookup-wedge-scan')).LookupWedgeScan,
}))

/** The frame around every screen: header with navigation, the sandbox banner, the screen. */
export function RootLayout() {
  const { t } = useTranslation()
  const navigation = useNavigation()
  // Kiosk mode faces the customer: no key may leave the scan screen for a cashier's screen.
  const [kiosk] = useKioskMode()
  useEffect(() => prefetchScanScreenWhenIdle(), [])
  return (
    <div className="flex min-h-dvh flex-col bg-canvas text-ink">
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-10 focus:rounded-lg focus:bg-white focus:p-3 focus:text-brand"
      >
        {t('app.skipToContent')}
      </a>
      <header className="bg-brand text-white">
        <div className="mx-auto flex max-w-5xl flex-wrap items-center gap-x-2 px-2 pt-1 sm:min-h-16 sm:flex-nowrap sm:gap-x-4 sm:px-4 sm:pt-0">
          <Link
            to={paths.lookup.href()}
            className={cn(
              'flex min-h-touch items-center gap-2 whitespace-nowrap rounded-lg px-2 text-xl font-bold',
              headerFocus,
              'focus-visible:outline-offset-0',
            )}
          >
            <img src="/favicon.svg" alt="" className="size-8 rounded-md ring-1 ring-white/40" />
            {t('app.name')}
          </Link>
          <UpdateOffer
            className={cn(
              'min-h-touch whitespace-nowrap rounded-lg bg-brand-green px-3 text-base font-semibold text-ink sm:order-last',
              'hover:bg-white',
              headerFocus,
              'focus-visible:outline-offset-2',
            )}
          />
          <LanguageToggle
            className={cn(
              'ml-auto min-h-touch whitespace-nowrap rounded-lg bg-brand-strong px-4 text-base font-semibold sm:order-last',
              'hover:bg-ink/30',
              headerFocus,
              'focus-visible:outline-offset-2',
            )}
          />
          <KioskHeaderControl
            className={cn(
              'flex min-h-touch min-w-touch items-center justify-center gap-2 rounded-lg bg-white px-3 text-base font-semibold text-brand sm:order-last',
              'hover:bg-brand-soft',
              headerFocus,
              'focus-visible:outline-offset-2',
            )}
          />
          <LockButton
            className={cn(
              'flex min-h-touch min-w-touch items-center justify-center gap-2 whitespace-nowrap rounded-lg bg-brand-strong px-3 text-base font-semibold sm:order-last',
              'hover:bg-ink/30',
              headerFocus,
              'focus-visible:outline-offset-2',
            )}
          />
          <nav aria-label={t('nav.label')} className="w-full sm:flex-1 sm:self-stretch">
            <ul className="grid grid-cols-4 sm:flex sm:h-full sm:gap-1">
              <NavItem to={paths.lookup.href()}>{t('nav.lookup')}</NavItem>
              <NavItem to={paths.scan.href()} onIntent={prefetchScanScreen}>
                {t('nav.scan')}
              </NavItem>
              <NavItem to={paths.journal.href()}>{t('journal.nav')}</NavItem>
              <NavItem to={paths.settings.href()}>{t('nav.settings')}</NavItem>
            </ul>
          </nav>
        </div>
      </header>
      <SandboxBanner />
      <OfflineBanner />
      <div className="h-1" aria-hidden="true">
        {navigation.state === 'loading' && (
          <div className="h-full bg-coral motion-safe:animate-pulse" />
        )}
      </div>
      <main
        id="main"
        tabIndex={-1}
        className="mx-auto w-full max-w-5xl flex-1 px-4 py-6 outline-none"
      >
        <Outlet />
        <Suspense fallback={null}>
          <LookupWedgeScan />
        </Suspense>
      </main>
      <KioskMode />
      <KeyboardShortcuts enabled={!kiosk} />
    </div>
  )
}

/** `onIntent`: the cashier is about to open it (pointer over, touch down, keyboard focus). */
function NavItem({
  to,
  children,
  onIntent,
}: {
  to: string
  children: ReactNode
  onIntent?: () => void
}) {
  return (
    <li className="min-w-0">
      <NavLink
        to={to}
        end
        onPointerEnter={onIntent}
        onPointerDown={onIntent}
        onFocus={onIntent}
        className={({ isActive }) =>
          cn(
            'flex h-full min-h-touch items-center justify-center border-y-4 border-t-transparent px-2 text-center text-base font-semibold leading-tight sm:px-3',
            isActive ? 'border-b-brand-green' : 'border-b-transparent hover:border-b-white/50',
            headerFocus,
            'focus-visible:outline-offset-[-4px]',
          )
        }
      >
        {children}
      </NavLink>
    </li>
  )
}

/**
 * Says why searching, redeeming and validating are disabled; the live region announces the
 * change when the connection drops mid-shift.
 */
function OfflineBanner() {
  const { t } = useTranslation()
  const online = useOnline()
  if (online) return null
  return (
    <Banner tone="bad" role="status" aria-label={t('apiError.offlineBanner.label')}>
      <span aria-hidden="true">⚠ </span>
      {t('apiError.offlineBanner.message')}
    </Banner>
  )
}

/** Shown inside the frame while a lazy screen's code loads on the first visit. */
export function ScreenLoading() {
  const { t } = useTranslation()
  return (
    <p className="flex items-center gap-2 text-lg text-ink-subtle">
      <Spinner />
      {t('app.loading')}
    </p>
  )
}
