import { act, render, screen } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createI18n } from '../../i18n/i18n'
import { I18nextProvider } from 'react-i18next'
import { AUTO_RESUME_MS, NextScanCountdown } from './next-scan-countdown'

beforeEach(() => {
  vi.useFakeTimers()
})
afterEach(() => {
  vi.useRealTimers()
})

function renderCountdown(onDone: () => void) {
  return render(
    <I18nextProvider i18n={createI18n({ language: 'en' })}>
      <NextScanCountdown onDone={onDone} />
    </I18nextProvider>,
  )
}

describe('NextScanCountdown', () => {
  it('counts the seconds down and resumes once, after the delay', () => {
    const onDone = vi.fn()
    renderCountdown(onDone)
    expect(screen.getByRole('timer')).toHaveTextContent('Next scan in 4 s')
    act(() => {
      vi.advanceTimersByTime(1500)
    })
    expect(screen.getByRole('timer')).toHaveTextContent('Next scan in 3 s')
    act(() => {
      vi.advanceTimersByTime(AUTO_RESUME_MS - 1500 - 1)
    })
    expect(onDone).not.toHaveBeenCalled()
    act(() => {
      vi.advanceTimersByTime(1)
    })
    expect(onDone).toHaveBeenCalledTimes(1)
    act(() => {
      vi.advanceTimersByTime(AUTO_RESUME_MS * 2)
    })
    expect(onDone).toHaveBeenCalledTimes(1)
  })

  it('resumes nothing once unmounted (the cashier tapped Scan next, or left)', () => {
    const onDone = vi.fn()
    const { unmount } = renderCountdown(onDone)
    unmount()
    act(() => {
      vi.advanceTimersByTime(AUTO_RESUME_MS * 2)
    })
    expect(onDone).not.toHaveBeenCalled()
  })
})
