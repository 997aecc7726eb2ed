import { describe, expect, it } from 'vitest'
import { cameraProblemBeforeStart, classifyCameraError } from './camera-problem'

describe('cameraProblemBeforeStart', () => {
  it('blocks an insecure origin before asking for the camera', () => {
    expect(cameraProblemBeforeStart({ isSecureContext: false, hasGetUserMedia: false })).toBe(
      'insecure',
    )
  })

  it('reports a browser without getUserMedia', () => {
    expect(cameraProblemBeforeStart({ isSecureContext: true, hasGetUserMedia: false })).toBe(
      'unsupported',
    )
  })

  it('lets a secure page with getUserMedia try', () => {
    expect(cameraProblemBeforeStart({ isSecureContext: true, hasGetUserMedia: true })).toBeNull()
  })
})

describe('classifyCameraError', () => {
  it.each([
    [new DOMException('Permission denied', 'NotAllowedError'), 'denied'],
    [new DOMException('Requested device not found', 'NotFoundError'), 'not-found'],
    [new DOMException('Could not start video source', 'NotReadableError'), 'in-use'],
    [new DOMException('', 'OverconstrainedError'), 'not-found'],
  ])('reads the DOMException name of %s', (error, problem) => {
    expect(classifyCameraError(error)).toBe(problem)
  })

  it.each([
    ['Error getting userMedia, error = NotAllowedError: Permission denied', 'denied'],
    ['Error getting userMedia, error = NotFoundError: Requested device not found', 'not-found'],
    ['Error getting userMedia, error = NotReadableError: Device in use', 'in-use'],
    ['Camera streaming not supported by the browser.', 'unsupported'],
    ['something else entirely', 'other'],
  ])('reads html5-qrcode’s rejection text %j', (text, problem) => {
    expect(classifyCameraError(text)).toBe(problem)
  })

  it('answers "other" for values with no name', () => {
    expect(classifyCameraError(undefined)).toBe('other')
    expect(classifyCameraError({ name: 42 })).toBe('other')
  })
})
