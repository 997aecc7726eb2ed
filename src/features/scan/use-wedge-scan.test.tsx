import { render } from '@testing-library/react'
import { describe, expect, it, vi } from 'vitest'
import { useWedgeScan, type WedgeScanOptions } from './use-wedge-scan'

function Harness(props: WedgeScanOptions) {
  useWedgeScan(props)
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault()
      }}
    >
      <input aria-label="own field" data-own="" />
      <input aria-label="other field" />
      <button type="button">Press me</button>
    </form>
  )
}

/**
 * Dispatches keydowns at the focused element (or body), one every `gap` ms, with `pauseAfterFirst`
 * more ms after the first key; returns the Enter.
 */
function burst(text: string, gap: number, start = 1000, pauseAfterFirst = 0): KeyboardEvent {
  let time = start
  const fire = (key: string) => {
    const event = new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true })
    Object.defineProperty(event, 'timeStamp', { value: time })
    ;(document.activeElement ?? document.body).dispatchEvent(event)
    time += time === start ? gap + pauseAfterFirst : gap
    return event
  }
  for (const key of text) fire(key)
  return fire('Enter')
}

const acceptOwn = (element: Element) => element.hasAttribute('data-own')
const isCoupon = (text: string) => /^CZ-\w{8}$/.test(text)

describe('useWedgeScan', () => {
  it('hands a burst to onScan when no field has focus, and swallows its Enter', () => {
    const onScan = vi.fn(() => undefined)
    render(<Harness onScan={onScan} />)
    const enter = burst('CZ-914F15F3', 5)
    expect(onScan).toHaveBeenCalledExactlyOnceWith('CZ-914F15F3')
    expect(enter.defaultPrevented).toBe(true)
  })

  it('ignores typing at human speed', () => {
    const onScan = vi.fn(() => undefined)
    render(<Harness onScan={onScan} />)
    burst('CZ-914F15F3', 120)
    expect(onScan).not.toHaveBeenCalled()
  })

  it('leaves another field’s keys alone', () => {
    const onScan = vi.fn(() => undefined)
    const { getByLabelText } = render(<Harness onScan={onScan} acceptFocused={acceptOwn} />)
    getByLabelText('other field').focus()
    const enter = burst('CZ-914F15F3', 5)
    expect(onScan).not.toHaveBeenCalled()
    expect(enter.defaultPrevented).toBe(false)
  })

  it('takes a burst into the screen’s own field', () => {
    const onScan = vi.fn(() => undefined)
    const { getByLabelText } = render(<Harness onScan={onScan} acceptFocused={acceptOwn} />)
    getByLabelText('own field').focus()
    const enter = burst('CZ-914F15F3', 5)
    expect(onScan).toHaveBeenCalledExactlyOnceWith('CZ-914F15F3')
    expect(enter.defaultPrevented).toBe(true)
  })

  it('reads a burst while a button has focus, so its Enter does not press the button', () => {
    const onScan = vi.fn(() => undefined)
    const { getByRole } = render(<Harness onScan={onScan} />)
    getByRole('button', { name: 'Press me' }).focus()
    expect(burst('CZ-914F15F3', 5).defaultPrevented).toBe(true)
    expect(onScan).toHaveBeenCalledOnce()
  })

  it('lets the Enter through when onScan declines it', () => {
    const onScan = vi.fn(() => false)
    render(<Harness onScan={onScan} />)
    expect(burst('ZP-MARIA01', 5).defaultPrevented).toBe(false)
    expect(onScan).toHaveBeenCalledOnce()
  })

  it('reads a code the screen recognises at Bluetooth speed, its first key 180 ms early', () => {
    const onScan = vi.fn(() => undefined)
    const { getByRole } = render(<Harness onScan={onScan} recognises={isCoupon} />)
    burst('CZ-7K3M9P2Q', 40, 1000, 180)
    expect(onScan).toHaveBeenCalledExactlyOnceWith('CZ-7K3M9P2Q')
    // A focused button is no field: the page rule still applies.
    getByRole('button', { name: 'Press me' }).focus()
    burst('CZ-9T5B3X7L', 40, 5000)
    expect(onScan).toHaveBeenLastCalledWith('CZ-9T5B3X7L')
  })

  it('takes only the tight speed for what the screen does not recognise', () => {
    const onScan = vi.fn(() => undefined)
    render(<Harness onScan={onScan} recognises={isCoupon} />)
    burst('hello there', 40)
    expect(onScan).not.toHaveBeenCalled()
    burst('hello there', 5, 5000)
    expect(onScan).toHaveBeenCalledExactlyOnceWith('hello there')
  })

  it('in the screen’s own field, keeps keys at 40 ms a key as typing', () => {
    const onScan = vi.fn(() => undefined)
    const { getByLabelText } = render(
      <Harness onScan={onScan} acceptFocused={acceptOwn} recognises={isCoupon} />,
    )
    getByLabelText('own field').focus()
    const enter = burst('CZ-7K3M9P2Q', 40)
    expect(onScan).not.toHaveBeenCalled()
    expect(enter.defaultPrevented).toBe(false)
  })

  it('stops listening when disabled or unmounted', () => {
    const onScan = vi.fn(() => undefined)
    const { rerender, unmount } = render(<Harness onScan={onScan} enabled={false} />)
    burst('CZ-914F15F3', 5)
    rerender(<Harness onScan={onScan} />)
    burst('CZ-914F15F3', 5, 5000)
    unmount()
    burst('CZ-914F15F3', 5, 9000)
    expect(onScan).toHaveBeenCalledOnce()
  })
})
