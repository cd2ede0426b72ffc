"""The local HTTP service the browser extension talks to (FastAPI, loopback only)."""
