// What other features may import from session (the app imports the modules it composes directly).
export { forgetCustomerData, isCustomerQuery } from './forget-customer-data'
export { PinPrompt } from './pin-prompt'
