import { Component, useEffect, type ReactNode } from 'react'
import { useRouteError } from 'react-router'
import { useTranslation } from 'react-i18next'
import { Button } from '../components/ui/button'
import { Card } from '../components/ui/card'
import { useNewBuildRecovery } from '../features/app-update/new-build-recovery'
import { ScreenLoading } from './layout'

const reloadPage = () => {
  window.location.reload()
}

/**
 * What the cashier sees when a screen crashes: plain words and a way out. The error itself goes
 * to the console (React logs it), never onto the screen: a stack trace helps nobody at the till.
 */
export function ErrorFallback({ onReload = reloadPage }: { onReload?: () => void }) {
  const { t } = useTranslation()
  return (
    <div className="mx-auto w-full max-w-xl px-4 py-10">
      <Card role="alert" aria-labelledby="error-fallback-title">
        <h1 id="error-fallback-title" className="text-2xl font-bold text-bad">
          {t('error.title')}
        </h1>
        <p className="mt-2 text-lg">{t('error.description')}</p>
        <Button className="mt-6 w-full sm:w-auto" onClick={onReload}>
          {t('error.reload')}
        </Button>
      </Card>
    </div>
  )
}

interface BoundaryProps {
  children: ReactNode
  onReload?: () => void
}

/** The outermost boundary: catches what the router's own boundaries cannot (providers, router). */
export class AppErrorBoundary extends Component<BoundaryProps, { failed: boolean }> {
  override state = { failed: false }

  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true }
  }

  override render() {
    return this.state.failed ? (
      <ErrorFallback onReload={this.props.onReload} />
    ) : (
      this.props.children
    )
  }
}

/**
 * The router catches render and lazy-load errors itself and would otherwise show its developer
 * screen, so each level gets this instead. A lazy screen that failed because a deploy replaced
 * the build this page started on is not an error: the page reloads into the new build.
 */
export function RouteErrorBoundary() {
  const error = useRouteError()
  // A screen of the build this page started on, gone from the server since: a reload cures it.
  const recovering = useNewBuildRecovery(error)
  useEffect(() => {
    // Render errors are logged by React Router already; failed lazy imports and loaders are not.
    if (!recovering) console.error(error)
  }, [error, recovering])
  return recovering ? <ScreenLoading /> : <ErrorFallback />
}
