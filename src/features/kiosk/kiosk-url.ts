import { useEffect } from 'react'
import { useLocation, useNavigate } from 'react-router'
import { writeKioskMode } from './kiosk-store'

export const KIOSK_PARAM = 'kiosk'

/**
 * What a `?kiosk=` in the address asks for, and the search string without it; null when there is
 * none. Only `1` (or `true`) turns kiosk mode on. Nothing in the address turns it off: a
 * bookmark or a typed `?kiosk=0` must not get round the PIN that leaving asks for.
 */
export function readKioskParam(search: string): { turnOn: boolean; search: string } | null {
  const params = new URLSearchParams(search)
  if (!params.has(KIOSK_PARAM)) return null
  const turnOn = params.getAll(KIOSK_PARAM).some((value) => value === '1' || value === 'true')
  params.delete(KIOSK_PARAM)
  const rest = params.toString()
  return { turnOn, search: rest === '' ? '' : `?${rest}` }
}

/**
 * Applies `?kiosk=1` on any screen, remembers it on the device, then takes the parameter out of
 * the address (a replace, so Back does not bring it back) so a reload or a bookmark is clean.
 */
export function useKioskUrlSwitch(): void {
  const location = useLocation()
  const navigate = useNavigate()
  useEffect(() => {
    const found = readKioskParam(location.search)
    if (found === null) return
    if (found.turnOn) writeKioskMode(true)
    void navigate(
      { pathname: location.pathname, search: found.search, hash: location.hash },
      { replace: true, state: location.state as unknown, preventScrollReset: true },
    )
  }, [location, navigate])
}
