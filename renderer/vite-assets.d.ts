// Vite's `?url` imports: the file is emitted beside the window's scripts and its URL returned.
declare module '*?url' {
  const url: string;
  export default url;
}
