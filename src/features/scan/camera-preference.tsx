import { useEffect, useEffectEvent, useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Button } from '../../components/ui/button'
import { Field } from '../../components/ui/field'
import { Spinner } from '../../components/ui/spinner'
import { listCameras, type CameraList } from './camera-devices'
import { useCameraPermission } from './camera-permission'
import {
  cameraProblemBeforeStart,
  classifyCameraError,
  currentCameraEnvironment,
  type CameraProblem,
} from './camera-problem'
import { usePreferredCamera } from './scan-settings'
import { Select } from '../../components/ui/select'

/**
 * Settings' "Preferred camera": the cameras this device has, once the browser names them. Until
 * the camera is allowed only "Rear camera (default)" is offered, with a button that asks for it.
 */
export function CameraPreference() {
  const { t } = useTranslation()
  const selectId = useId()
  const hintId = useId()
  const [preferred, setPreferred] = usePreferredCamera()
  const permission = useCameraPermission()
  const [blocked] = useState(() => cameraProblemBeforeStart(currentCameraEnvironment()))
  const [list, setList] = useState<CameraList | null>(null)
  const [asking, setAsking] = useState(false)
  const [problem, setProblem] = useState<CameraProblem | null>(null)
  const [allowed, setAllowed] = useState(0)
  const unnamed = useEffectEvent((n: number) => t('scan.camera.unnamed', { n }))

  useEffect(() => {
    if (blocked) return
    let cancelled = false
    const refresh = () => {
      listCameras(unnamed).then(
        (next) => {
          if (!cancelled) setList(next)
        },
        () => {
          if (!cancelled) setList({ cameras: [], known: false })
        },
      )
    }
    refresh()
    // A camera plugged in or out while Settings is open.
    const media = navigator.mediaDevices
    media.addEventListener('devicechange', refresh)
    return () => {
      cancelled = true
      media.removeEventListener('devicechange', refresh)
    }
    // The permission and a granted request change what the browser lets the list show.
  }, [blocked, permission, allowed])

  const allow = async () => {
    setAsking(true)
    setProblem(null)
    try {
      const stream = await navigator.mediaDevices.getUserMedia({ video: true })
      // Only the permission was wanted: the light goes off at once.
      for (const track of stream.getTracks()) track.stop()
      setAllowed((n) => n + 1)
    } catch (error) {
      setProblem(classifyCameraError(error))
    } finally {
      setAsking(false)
    }
  }

  const cameras = list?.cameras ?? []
  const known = list?.known ?? false
  const savedListed = cameras.some((camera) => camera.deviceId === preferred)
  const needsPermission = !blocked && !known && permission !== 'granted'
  const shownProblem = problem ?? (needsPermission && permission === 'denied' ? 'denied' : null)
  let note: string | null = null
  if (blocked === 'insecure') note = t('settings.camera.insecure')
  else if (blocked) note = t('settings.camera.unsupported')
  else if (list && permission === 'granted' && cameras.length === 0)
    note = t('settings.camera.none')
  else if (needsPermission && !shownProblem) note = t('settings.camera.allowHint')

  return (
    <Field htmlFor={selectId} label={t('settings.camera.label')}>
      <Select
        id={selectId}
        className="max-w-sm"
        aria-describedby={hintId}
        value={preferred ?? ''}
        onChange={(event) => {
          setPreferred(event.target.value === '' ? null : event.target.value)
        }}
      >
        <option value="">{t('settings.camera.rear')}</option>
        {cameras.map((camera) => (
          <option key={camera.deviceId} value={camera.deviceId}>
            {camera.label}
          </option>
        ))}
        {preferred !== null && !savedListed && (
          <option value={preferred}>
            {known ? t('settings.camera.savedMissing') : t('settings.camera.saved')}
          </option>
        )}
      </Select>
      <div id={hintId} className="flex flex-col gap-1 text-base text-ink-subtle">
        <p>{t('settings.camera.hint')}</p>
        {note && <p>{note}</p>}
      </div>
      {shownProblem && (
        <div role="alert" className="rounded-lg border-2 border-warn bg-warn-soft p-3 text-ink">
          <p className="font-semibold text-warn">
            <span aria-hidden="true">⚠ </span>
            {t(`scan.camera.problem.${shownProblem}.title`)}
          </p>
          <p>{t(`scan.camera.problem.${shownProblem}.body`, { origin: window.location.origin })}</p>
        </div>
      )}
      {needsPermission && (
        <Button
          variant="secondary"
          className="self-start"
          disabled={asking}
          onClick={() => void allow()}
        >
          {asking && <Spinner />}
          {shownProblem ? t('scan.camera.retry') : t('settings.camera.allow')}
        </Button>
      )}
    </Field>
  )
}
