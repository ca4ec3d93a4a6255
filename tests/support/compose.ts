// Wires the modules together in each test file's process, as instrumentation.ts does for the server.
import '@/lib/composition';
