import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

// One classic script (IIFE) a site adds with <script async>: no chunks, CSS inlined as a string
// into the shadow root, so the host page receives exactly one file.
export default defineConfig({
  root,
  define: { 'process.env.NODE_ENV': JSON.stringify('production') },
  resolve: { conditions: ['browser'] },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2019',
    sourcemap: false,
    minify: true,
    lib: { entry: 'src/main.ts', formats: ['iife'], name: 'SwitchboardWidget', fileName: () => 'widget.js' },
    rollupOptions: { output: { inlineDynamicImports: true } },
  },
});
