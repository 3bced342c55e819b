/**
 * The console's build: Vue single-file components, Element Plus components and their styles
 * imported on demand (unplugin-vue-components), every screen its own chunk (the router loads
 * them lazily), served under /console/ by the gateway. `npm run dev -w @cylinder/console`
 * serves it with hot reload against a platform on 127.0.0.1:4000.
 */
import vue from "@vitejs/plugin-vue";
import { ElementPlusResolver } from "unplugin-vue-components/resolvers";
import Components from "unplugin-vue-components/vite";
import { defineConfig } from "vite";

export default defineConfig({
  base: "/console/",
  plugins: [vue(), Components({ resolvers: [ElementPlusResolver({ importStyle: "css" })], dts: false })],
  build: {
    target: "es2022",
    // no inline polyfill script: the page's CSP allows scripts from the platform only
    modulePreload: { polyfill: false },
    chunkSizeWarningLimit: 1200,
    reportCompressedSize: false,
  },
  server: {
    proxy: { "/graphql": { target: "http://127.0.0.1:4000", ws: true } },
  },
});
