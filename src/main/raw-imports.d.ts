// Vite (electron-vite's build and vitest) turns `import text from './file?raw'` into the file's
// text as a string; this tells TypeScript so.
declare module '*?raw' {
  const text: string
  export default text
}
