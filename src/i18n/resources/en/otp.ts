import type { Translation } from '../pt-br'

export const otp = {
  title: 'Customer verification',
  intro: 'Ask {{name}} for the 6-digit code Zupy just sent.',
  sending: 'Sending the code…',
  sentBy: {
    whatsapp: 'Code sent by WhatsApp to <nowrap>{{destination}}</nowrap>',
    sms: 'Code sent by SMS to <nowrap>{{destination}}</nowrap>',
    email: 'Code sent by e-mail to <nowrap>{{destination}}</nowrap>',
    other: 'Code sent to <nowrap>{{destination}}</nowrap>',
  },
  expiresIn: 'The code expires in {{time}}',
  codeExpired: 'The code has expired. Send a new code.',
  codeLabel: 'Verification code',
  keypad: 'Number pad',
  delete: 'Delete',
  verify: 'Verify',
  verifying: 'Verifying…',
  resend: 'Send a new code',
  resendIn: 'New code in {{seconds}} s',
  cancel: 'Cancel',
  wrong: 'Wrong code. Check it with the customer and try again.',
  expired: 'This code has expired. Send a new code.',
  tooMany: 'Too many wrong attempts. Send a new code.',
  noChannel: 'This customer has no phone or e-mail to receive the code.',
  mismatch: 'The code verified a different customer. Send a new code for this customer.',
  session: 'Verified · {{time}} left',
} satisfies Translation['otp']
