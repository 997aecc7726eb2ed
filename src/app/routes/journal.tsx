import { useQuery } from '@tanstack/react-query'
import { TodayScreen } from '../../features/journal/today-screen'
import { posConfigQueryOptions } from '../../features/pos-status/api'
import { ScreenLoading } from '../layout'

/**
 * `/journal`, "Today": the store's day needs the store's time zone, which the BFF's config names
 * (it is loaded for the sandbox banner anyway). A config that fails to load leaves the device's
 * zone and no till name rather than no screen.
 */
export function JournalRoute() {
  const config = useQuery(posConfigQueryOptions())
  if (config.isPending) return <ScreenLoading />
  return <TodayScreen timeZone={config.data?.time_zone} till={config.data?.till} />
}
