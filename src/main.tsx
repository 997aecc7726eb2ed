import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { AppProvider } from './app/provider'
import { AppRouter } from './app/router'
import { appUpdates } from './features/app-update/app-updates'
import { watchFailedChunkLoads } from './features/app-update/new-build-recovery'
import { sessionStatusQueryOptions } from './features/session/api'
import { createI18n } from './i18n/i18n'
import { createQueryClient } from './lib/query-client'
import { registerServiceWorker } from './lib/service-worker'
import './index.css'

// Before the first lazy screen loads: its failure must already be recognisable.
watchFailedChunkLoads()

const container = document.getElementById('root')
if (!container) throw new Error('index.html has no #root element')

const queryClient = createQueryClient()
// Asked for now rather than when the lock screen mounts: the first render and the lookup screen's
// chunks take several hundred milliseconds on a till's CPU, and the answer decides what shows.
// A failure is not handled here: the lock screen reads the same query and shows it.
queryClient.query(sessionStatusQueryOptions()).catch(() => undefined)

createRoot(container).render(
  <StrictMode>
    <AppProvider i18n={createI18n()} queryClient={queryClient}>
      <AppRouter />
    </AppProvider>
  </StrictMode>,
)

registerServiceWorker({ onRegistered: appUpdates.watch })
