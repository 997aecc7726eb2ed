/**
 * Stand-ins for a service worker registration and its workers: event targets with the few
 * members src/features/app-update reads, moved by the test as the browser would move them.
 */
export class FakeWorker extends EventTarget {
  readonly messages: unknown[] = []
  constructor(public state: ServiceWorkerState) {
    super()
  }
  postMessage(message: unknown) {
    this.messages.push(message)
  }
  /** The browser moving the worker on, with the event it fires. */
  moveTo(state: ServiceWorkerState) {
    this.state = state
    this.dispatchEvent(new Event('statechange'))
  }
}

export class FakeRegistration extends EventTarget {
  waiting: FakeWorker | null = null
  installing: FakeWorker | null = null
  updates = 0
  update() {
    this.updates += 1
    return Promise.resolve()
  }
  /** A new /sw.js found on the server: installing now. */
  found(): FakeWorker {
    const worker = new FakeWorker('installing')
    this.installing = worker
    this.dispatchEvent(new Event('updatefound'))
    return worker
  }
}

/** `navigator.serviceWorker` with or without a worker controlling the page. */
export function installContainer(controlled: boolean) {
  Object.defineProperty(navigator, 'serviceWorker', {
    value: { controller: controlled ? new FakeWorker('activated') : null },
    configurable: true,
  })
}

export function removeContainer() {
  Reflect.deleteProperty(navigator, 'serviceWorker')
}

export const asRegistration = (fake: FakeRegistration) =>
  fake as unknown as ServiceWorkerRegistration
