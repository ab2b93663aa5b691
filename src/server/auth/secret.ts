import "server-only";

// The logic lives where the app's HTTP server (outside the React Server bundle) can use it too.
export { authSecret } from "./secret-file";
