import { useMatch, useNavigate } from 'react-router'
import { paths } from '../config/paths'
import { SEARCH_PARAM } from '../features/customers/customer-search'
import { parseScannedCode } from '../features/scan/parse-scanned-code'
import { useWedgeScan } from '../features/scan/use-wedge-scan'
import type { CustomerQuery } from '../features/scan/use-scan-session'

/** The lookup, searching for a scanned card or phone (`/?q=ZP-…`). */
export function lookupHref(query: CustomerQuery): string {
  const q = query.kind === 'card' ? query.code : query.digits
  return `${paths.lookup.href()}?${new URLSearchParams({ [SEARCH_PARAM]: q }).toString()}`
}

/** The lookup's own search field (it has focus whenever the lookup opens). */
function isLookupField(element: Element): boolean {
  return (
    element instanceof HTMLInputElement &&
    element.name === SEARCH_PARAM &&
    element.closest('form[role="search"]') !== null
  )
}

/**
 * A barcode scanner fired on the lookup screen: a coupon opens its verdict, a card or phone is
 * searched. Mounted in the layout, lazily (the scan screen handles its own scans).
 */
export function LookupWedgeScan() {
  const navigate = useNavigate()
  const onLookup = useMatch(paths.lookup.path) !== null
  useWedgeScan({
    enabled: onLookup,
    acceptFocused: isLookupField,
    recognises: (text) => parseScannedCode(text).kind !== 'unknown',
    onScan: (text) => {
      const code = parseScannedCode(text)
      switch (code.kind) {
        case 'coupon':
          void navigate(paths.coupon.href(code.code))
          return true
        case 'card':
        case 'phone':
          // Into the search field: let its form search, which opens a single match at once.
          if (document.activeElement && isLookupField(document.activeElement)) return false
          void navigate(lookupHref(code))
          return true
        case 'unknown':
          return false
      }
    },
  })
  return null
}
