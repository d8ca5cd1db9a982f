/**
 * The Socket.IO namespace a city's live stream has on the province's address (server/province/live.ts): one
 * connection carries every city's, each with its own seq and catch-up.
 */
export const cityStreamNamespace = (cityId: string) => `/kota/${cityId}`;
