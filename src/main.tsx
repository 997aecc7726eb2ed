import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { AppProvider } from './app/provider'
import { AppRouter } from './app/router'
import { createI18n } from './i18n/i18n'
import { createQueryClient } from './lib/query-client'
import { registerServiceWorker } from './lib/service-worker'
import './index.css'

const container = document.getElementById('root')
if (!container) throw new Error('index.html has no #root element')

createRoot(container).render(
  <StrictMode>
    <AppProvider i18n={createI18n()} queryClient={createQueryClient()}>
      <AppRouter />
    </AppProvider>
  </StrictMode>,
)

registerServiceWorker()
