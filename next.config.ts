import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // PGlite ships WASM and a data bundle that must be loaded from node_modules at run time,
  // and argon2 is a native addon: neither can go through the bundler.
  serverExternalPackages: ["@electric-sql/pglite", "argon2", "postgres", "pino"],
  // ETag hashing costs a quarter of the CPU on cached pages; the cache front validates instead.
  generateEtags: false,
  poweredByHeader: false,
  reactStrictMode: true,
  experimental: {
    serverActions: {
      // Long stories with many images' metadata exceed Next's 1 MB default; past this limit
      // Next answers 413 and the editor shows a clear message.
      bodySizeLimit: "6mb",
    },
  },
};

export default nextConfig;
