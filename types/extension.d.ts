// The globals the extension's classic scripts share: each file sets one on globalThis, and the
// manifest loads them in order (tsc reads this with tsconfig.json; Chrome never sees it).
declare var MeetscoutDetectors: typeof import("../browser_extension/detectors.js");
declare var MeetscoutFlagView: typeof import("../browser_extension/flag_view.js");
declare var MeetscoutBadge: any;
declare var MeetscoutContent: any;
// The service worker's way to load flag_view.js.
declare function importScripts(...urls: string[]): void;
