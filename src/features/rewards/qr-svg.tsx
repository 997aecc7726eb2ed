import QRCode from 'qrcode'
import { useMemo } from 'react'

/**
 * A QR code drawn as inline SVG, synchronously: a printed coupon goes to `window.print()` in the
 * effect right after it renders, before an `<img>`'s data URL would have been decoded, and a
 * receipt with a blank square where the QR should be is worse than none. One path, one quiet
 * module around it, crisp edges so a thermal head prints whole modules.
 */
export function QrSvg({
  text,
  label,
  className,
}: {
  text: string
  label: string
  className?: string
}) {
  const drawn = useMemo(() => {
    try {
      const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' })
      let path = ''
      for (let y = 0; y < modules.size; y += 1) {
        for (let x = 0; x < modules.size; x += 1) {
          if (modules.get(y, x)) path += `M${String(x)} ${String(y)}h1v1h-1z`
        }
      }
      return { size: modules.size, path }
    } catch {
      // Text too long for a QR: the code is printed in text anyway.
      return null
    }
  }, [text])
  if (!drawn) return null
  const box = drawn.size + 2
  return (
    <svg
      role="img"
      aria-label={label}
      viewBox={`-1 -1 ${String(box)} ${String(box)}`}
      shapeRendering="crispEdges"
      className={className}
    >
      <rect x={-1} y={-1} width={box} height={box} fill="#fff" />
      <path d={drawn.path} fill="#000" />
    </svg>
  )
}
