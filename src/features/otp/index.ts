// What other features may import from otp (the app imports the modules it composes directly).
export { OtpGateProvider, useOtpGate, type OtpCustomer, type OtpStepProps } from './otp-gate'
export { forgetOtpSessions, getOtpSession, saveOtpSession } from './otp-sessions'
export { OtpStep } from './otp-step'
