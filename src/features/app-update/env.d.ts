// The build-time variables this feature reads (see build-id.ts); merges with vite/client's type.
interface ImportMetaEnv {
  readonly VITE_BUILD_ID?: string
}
