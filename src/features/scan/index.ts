// What other features may import from scan (the app imports the modules it composes directly).
export { clearScanHistory, getScanHistory, recordScan } from './scan-history'
