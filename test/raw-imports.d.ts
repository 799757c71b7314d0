// Tests import Markdown, YAML and SVG files as text with Vite's `?raw` suffix
// and list content/posts with import.meta.glob; Vite resolves both before the
// code runs in workerd, which has no file system.
/// <reference types="vite/client" />
