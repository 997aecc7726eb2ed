import QRCode from 'qrcode'
import { useEffect, useState } from 'react'

/**
 * An SVG QR code of `text` as a data URL for an `<img>` (SVG, so no canvas is needed and it stays
 * sharp at any size). Null until it is drawn, or if drawing fails: the code is shown in text anyway.
 */
export function useQrDataUrl(text: string): string | null {
  const [drawn, setDrawn] = useState<{ text: string; url: string } | null>(null)
  useEffect(() => {
    let live = true
    QRCode.toString(text, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' })
      .then((svg) => {
        if (live)
          setDrawn({ text, url: `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}` })
      })
      .catch(() => {
        if (live) setDrawn(null)
      })
    return () => {
      live = false
    }
  }, [text])
  return drawn?.text === text ? drawn.url : null
}
