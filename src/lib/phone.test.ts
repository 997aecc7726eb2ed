import { describe, expect, it } from 'vitest'
import { brazilianNationalDigits, maskEmail, maskPhone, toE164 } from './phone'

describe('maskPhone', () => {
  it.each([
    ['+5511987654321', '(11) •••••-4321'],
    ['11987654321', '(11) •••••-4321'],
    ['+551133334444', '(11) ••••-4444'],
    ['(21) 99876-5432', '(21) •••••-5432'],
    ['+14155550123', '+••••0123'],
  ])('%j → %j', (phone, masked) => {
    expect(maskPhone(phone)).toBe(masked)
  })

  it('shows nothing when there is no phone', () => {
    expect(maskPhone(null)).toBeNull()
    expect(maskPhone(undefined)).toBeNull()
    expect(maskPhone('')).toBeNull()
    expect(maskPhone('12')).toBeNull()
  })

  it('never shows the middle digits', () => {
    expect(maskPhone('+5511987654321')).not.toMatch(/98765/)
  })
})

describe('maskEmail', () => {
  it('keeps the first letter and the domain', () => {
    expect(maskEmail('maria.santos@example.com')).toBe('m•••@example.com')
    expect(maskEmail('not-an-email')).toBeNull()
    expect(maskEmail(null)).toBeNull()
  })
})

describe('brazilianNationalDigits', () => {
  it('drops +55/55 only when it is the country code', () => {
    expect(brazilianNationalDigits('+55 11 98765-4321')).toBe('11987654321')
    expect(brazilianNationalDigits('5511987654321')).toBe('11987654321')
    expect(brazilianNationalDigits('55991234567')).toBe('55991234567')
  })
})

describe('toE164', () => {
  it('normalises what Zupy stores and what a cashier types', () => {
    expect(toE164('+5511987654321')).toBe('+5511987654321')
    expect(toE164('+55 (11) 98765-4321')).toBe('+5511987654321')
    expect(toE164('(11) 98765-4321')).toBe('+5511987654321')
    expect(toE164('+14155550123')).toBe('+14155550123')
  })

  it('refuses what cannot be a phone', () => {
    expect(toE164(null)).toBeNull()
    expect(toE164('123')).toBeNull()
  })
})
