import type { NextConfig } from 'next';
import createNextIntlPlugin from 'next-intl/plugin';

const withNextIntl = createNextIntlPlugin('./lib/i18n/request.ts');

const nextConfig: NextConfig = {
  // PGlite ships WASM and data files that must be loaded from node_modules at run time.
  serverExternalPackages: ['@electric-sql/pglite'],
  // Several builds can live side by side (CI, e2e, a developer's own build).
  distDir: process.env.NEXT_DIST_DIR ?? '.next',
  poweredByHeader: false,
  // forbidden() renders app/forbidden.tsx with a real 403 status.
  experimental: { authInterrupts: true },
  // Every build also writes `<distDir>/standalone`: a server.js with only the files it needs (the Docker image
  // runs it). `next start` keeps working on the same build (it prints a warning and serves as before).
  output: 'standalone',
  // Files read from disk at run time that the file tracer cannot see: the invoice PDF's font (read by path in
  // lib/finance/invoices/pdf.ts), the migrations (the embedded database migrates itself at start) and PGlite's
  // WASM, data and extension files.
  outputFileTracingIncludes: {
    '/**': [
      './node_modules/geist/dist/fonts/geist-sans/Geist-Regular.ttf',
      './node_modules/geist/dist/fonts/geist-sans/Geist-SemiBold.ttf',
      './db/migrations/**/*',
      './node_modules/@electric-sql/pglite/dist/**/*',
    ],
  },
};

export default withNextIntl(nextConfig);
