import {
  useEffect,
  useEffectEvent,
  useId,
  useLayoutEffect,
  useRef,
  useState,
  useSyncExternalStore,
} from 'react'
import { useTranslation } from 'react-i18next'
import { Button } from '../../components/ui/button'
import { cn } from '../../components/ui/cn'
import { Spinner } from '../../components/ui/spinner'
import {
  cameraProblemBeforeStart,
  classifyCameraError,
  currentCameraEnvironment,
  type CameraProblem,
} from './camera-problem'
import { cameraToOpen, listCameras, type CameraOption } from './camera-devices'
import { markScan, SCAN_MARKS } from './scan-marks'
import { readPreferredCamera, writePreferredCamera } from './scan-settings'
import type { CameraScanner as Scanner, RunningCamera, ScanResult } from './scanner-engine'
import { Select } from '../../components/ui/select'

export type CameraRead = ScanResult

type CameraState =
  | { kind: 'starting' }
  | { kind: 'running'; torchSupported: boolean }
  | { kind: 'problem'; problem: CameraProblem }

function subscribeVisibility(onChange: () => void) {
  document.addEventListener('visibilitychange', onChange)
  return () => {
    document.removeEventListener('visibilitychange', onChange)
  }
}
const isHidden = () => document.hidden

/**
 * Where a leaving scanner's elements wait for stop(). React takes the camera view out of the page
 * as the screen unmounts; a video removed from the page while it is still starting rejects the
 * play() promise html5-qrcode never handles, an uncaught error. Moved here in the same commit,
 * the video never leaves the document.
 */
function parkingSpot(): HTMLElement {
  const existing = document.getElementById('qr-parking')
  if (existing) return existing
  const spot = document.createElement('div')
  spot.id = 'qr-parking'
  spot.hidden = true
  spot.setAttribute('aria-hidden', 'true')
  document.body.append(spot)
  return spot
}

/**
 * The camera view. It opens the camera on mount and ends every track on unmount; while `paused`
 * (a verdict is on screen) or the tab is hidden it stops decoding. The scanner's code is loaded
 * on first use only. It opens the device's preferred camera (Settings, or the last one picked
 * here), or the rear camera when there is none or it is gone.
 */
export function CameraScanner({
  paused,
  onRead,
}: {
  paused: boolean
  onRead: (read: CameraRead) => void
}) {
  const { t } = useTranslation()
  const box = useRef<HTMLDivElement>(null)
  const scannerRef = useRef<Scanner | null>(null)
  const hidden = useSyncExternalStore(subscribeVisibility, isHidden, () => false)
  const [blocked] = useState(() => cameraProblemBeforeStart(currentCameraEnvironment()))
  const [state, setState] = useState<CameraState>(
    blocked ? { kind: 'problem', problem: blocked } : { kind: 'starting' },
  )
  // null: the rear camera (facingMode environment).
  const [deviceId, setDeviceId] = useState<string | null>(readPreferredCamera)
  const [activeDeviceId, setActiveDeviceId] = useState<string | null>(null)
  const [cameras, setCameras] = useState<CameraOption[]>([])
  const [torchOn, setTorchOn] = useState(false)
  const [attempt, setAttempt] = useState(0)
  const pickerId = useId()
  const emit = useEffectEvent((read: CameraRead) => {
    onRead(read)
  })
  const unnamed = useEffectEvent((n: number) => t('scan.camera.unnamed', { n }))

  useEffect(() => {
    const container = box.current
    if (blocked || !container) return
    let cancelled = false
    // A call, not the variable: after each await the cleanup may have run in between.
    const gone = () => cancelled
    let scanner: Scanner | null = null
    const start = async () => {
      markScan(SCAN_MARKS.engineRequested)
      const engine = await import('./scanner-engine')
      await engine.prepareDecoder()
      if (gone()) return
      const wanted = deviceId === null ? null : cameraToOpen(deviceId, await listCameras(unnamed))
      if (gone()) return
      const open = (id: string | null): Promise<RunningCamera> => {
        markScan(SCAN_MARKS.cameraStart)
        scanner = engine.startCameraScanner(container, { deviceId: id }, (read) => {
          emit(read)
        })
        scannerRef.current = scanner
        return scanner.started
      }
      let running: RunningCamera
      try {
        running = await open(wanted)
      } catch (error) {
        // A stored camera the browser would not name before the start and that is gone now.
        if (wanted === null || gone() || classifyCameraError(error) !== 'not-found') throw error
        await scanner?.stop()
        if (gone()) return
        running = await open(null)
      }
      if (gone()) return
      markScan(SCAN_MARKS.cameraReady)
      setActiveDeviceId(running.deviceId)
      setState({ kind: 'running', torchSupported: running.torchSupported })
      // Labels are only readable once the camera is allowed, so the list comes after the start.
      const list = await listCameras(unnamed)
      if (gone()) return
      setCameras(list.cameras)
    }
    start().catch((error: unknown) => {
      if (!gone()) setState({ kind: 'problem', problem: classifyCameraError(error) })
    })
    return () => {
      cancelled = true
      scannerRef.current = null
      void scanner?.stop()
    }
  }, [blocked, deviceId, attempt])

  useLayoutEffect(() => {
    const container = box.current
    return () => {
      if (container?.firstChild) parkingSpot().append(...container.childNodes)
    }
  }, [])

  const running = state.kind === 'running'
  useEffect(() => {
    const scanner = scannerRef.current
    if (!running || !scanner) return
    if (paused || hidden) scanner.pause(hidden)
    else scanner.resume()
  }, [running, paused, hidden])

  const restart = (nextDeviceId: string | null) => {
    setTorchOn(false)
    setState({ kind: 'starting' })
    setDeviceId(nextDeviceId)
    setAttempt((n) => n + 1)
  }

  const toggleTorch = () => {
    const scanner = scannerRef.current
    if (!scanner) return
    const next = !torchOn
    scanner.setTorch(next).then(
      () => {
        setTorchOn(next)
      },
      () => {
        setState({ kind: 'running', torchSupported: false })
      },
    )
  }

  const statusText =
    state.kind === 'starting'
      ? t('scan.camera.starting')
      : paused
        ? t('scan.camera.paused')
        : t('scan.camera.scanning')

  return (
    <div className="flex flex-col gap-3">
      {state.kind === 'problem' ? (
        <CameraProblemNotice
          problem={state.problem}
          onRetry={
            blocked
              ? undefined
              : () => {
                  restart(deviceId)
                }
          }
        />
      ) : null}
      <div
        className={cn(
          'relative overflow-hidden rounded-xl bg-ink',
          state.kind === 'problem' && 'hidden',
        )}
      >
        {/* html5-qrcode owns this element's children: React renders none into it. */}
        <div
          ref={box}
          className="min-h-48 w-full [&_.qr-host>div]:!hidden [&_video]:!h-auto [&_video]:!w-full"
        />
        {/* The aiming frame: white with a dark halo, so it shows on a bright or a dark picture. */}
        <div
          aria-hidden="true"
          className={cn(
            'pointer-events-none absolute inset-x-[18%] top-[10%] bottom-[18%] rounded-2xl border-4 border-white shadow-[0_0_0_3px_rgb(0_0_0/0.45)] transition-opacity duration-150',
            paused || state.kind !== 'running' ? 'opacity-30' : 'opacity-100',
          )}
        />
        <p
          role="status"
          className="absolute inset-x-0 bottom-0 flex items-center justify-center gap-2 bg-ink/70 px-3 py-2 text-center text-base font-semibold text-white"
        >
          {state.kind === 'starting' && <Spinner />}
          {statusText}
        </p>
      </div>
      {running && (cameras.length > 1 || state.torchSupported) && (
        <div className="flex flex-wrap items-end gap-3">
          {cameras.length > 1 && (
            <div className="flex min-w-0 flex-1 flex-col gap-1">
              <label htmlFor={pickerId} className="text-base font-semibold">
                {t('scan.camera.choose')}
              </label>
              <Select
                id={pickerId}
                value={activeDeviceId ?? deviceId ?? ''}
                onChange={(event) => {
                  // The cashier's pick is the device's camera from now on, as in Settings.
                  writePreferredCamera(event.target.value)
                  restart(event.target.value)
                }}
              >
                {cameras.map((camera) => (
                  <option key={camera.deviceId} value={camera.deviceId}>
                    {camera.label}
                  </option>
                ))}
              </Select>
            </div>
          )}
          {state.torchSupported && (
            <Button variant="secondary" aria-pressed={torchOn} onClick={toggleTorch}>
              <span aria-hidden="true">{torchOn ? '◉' : '○'}</span>
              {t('scan.camera.torch')}
            </Button>
          )}
        </div>
      )}
    </div>
  )
}

function CameraProblemNotice({
  problem,
  onRetry,
}: {
  problem: CameraProblem
  onRetry?: () => void
}) {
  const { t } = useTranslation()
  const headingId = useId()
  return (
    <section
      role="alert"
      aria-labelledby={headingId}
      className="flex flex-col gap-2 rounded-xl border-2 border-warn bg-warn-soft p-4 text-ink"
    >
      <h2 id={headingId} className="text-lg font-bold text-warn">
        <span aria-hidden="true">⚠ </span>
        {t(`scan.camera.problem.${problem}.title`)}
      </h2>
      <p className="text-base">
        {t(`scan.camera.problem.${problem}.body`, { origin: window.location.origin })}
      </p>
      <p className="text-base font-semibold">{t('scan.camera.typeInstead')}</p>
      {onRetry && (
        <Button variant="secondary" className="self-start" onClick={onRetry}>
          {t('scan.camera.retry')}
        </Button>
      )}
    </section>
  )
}
