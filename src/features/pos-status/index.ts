// What other features may import from pos-status (the app imports the modules it composes directly).
export { posConfigQueryOptions } from './api'
