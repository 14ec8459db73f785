// Vitest runs outside React's server environment, where the `server-only` marker package
// throws on import; the code under test is server code, so the marker is a no-op here.
export {};
