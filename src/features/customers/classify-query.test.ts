import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { classifyQuery } from './classify-query'

describe('classifyQuery', () => {
  it.each([
    ['(11) 98765-4321', '11987654321'],
    ['11987654321', '11987654321'],
    ['+55 11 98765-4321', '11987654321'],
    ['+5511987654321', '11987654321'],
    ['5511987654321', '11987654321'],
    ['55 (11) 9 8765-4321', '11987654321'],
    ['11 9 8765 4321', '11987654321'],
    ['(11) 3333-4444', '1133334444'],
    // Area code 55 (Rio Grande do Sul) is not a country code when the number is national.
    ['(55) 99123-4567', '55991234567'],
    ['98765-4321', '987654321'],
  ])('reads %j as the phone digits %j', (input, digits) => {
    expect(classifyQuery(input)).toEqual({ kind: 'phone', value: digits })
  })

  it.each([
    ['maria.santos@example.com', 'maria.santos@example.com'],
    ['  Maria.Santos@Example.com ', 'maria.santos@example.com'],
    ['maria@', 'maria@'],
  ])('reads %j as an e-mail', (input, value) => {
    expect(classifyQuery(input)).toEqual({ kind: 'email', value })
  })

  it.each([
    ['ZP-MARIA01', 'ZP-MARIA01'],
    ['zp-maria01', 'ZP-MARIA01'],
    [' Zp-Abc-123 ', 'ZP-ABC-123'],
  ])('reads %j as a card code', (input, value) => {
    expect(classifyQuery(input)).toEqual({ kind: 'card_code', value })
  })

  it.each([
    ['silva', 'silva'],
    ['Maria Santos', 'Maria Santos'],
    ['  João   Silva ', 'João Silva'],
    ['Jo', 'Jo'],
    ['R2', null],
  ])('reads %j as a name when it has two letters', (input, value) => {
    expect(classifyQuery(input)).toEqual(
      value === null ? { kind: 'invalid', reason: 'too-short' } : { kind: 'name', value },
    )
  })

  it('refuses what no filter can use', () => {
    expect(classifyQuery('   ')).toEqual({ kind: 'invalid', reason: 'empty' })
    expect(classifyQuery('4321')).toEqual({ kind: 'invalid', reason: 'too-short' })
    expect(classifyQuery('a')).toEqual({ kind: 'invalid', reason: 'too-short' })
    expect(classifyQuery('1234567890123456')).toEqual({ kind: 'invalid', reason: 'too-short' })
  })

  it('caps a name at the 100 characters the BFF accepts', () => {
    const result = classifyQuery('a'.repeat(150))
    expect(result).toEqual({ kind: 'name', value: 'a'.repeat(100) })
  })

  it('gives the same digits for any common formatting of one Brazilian mobile', () => {
    const areaCode = fc.integer({ min: 11, max: 99 }).map(String)
    const subscriber = fc.stringMatching(/^9\d{8}$/)
    const separator = fc.constantFrom('', ' ', '-', '.')
    const country = fc.constantFrom('', '55', '+55', '+55 ', '55 ', '+55-')
    const wrapArea = fc.boolean()
    fc.assert(
      fc.property(
        areaCode,
        subscriber,
        country,
        wrapArea,
        separator,
        separator,
        separator,
        (area, number, prefix, parens, sep1, sep2, sep3) => {
          const first = number.slice(0, 1)
          const middle = number.slice(1, 5)
          const last = number.slice(5)
          const formatted = `${prefix}${parens ? `(${area})` : area}${sep1}${first}${sep2}${middle}${sep3}${last}`
          expect(classifyQuery(formatted)).toEqual({ kind: 'phone', value: `${area}${number}` })
        },
      ),
    )
  })
})
